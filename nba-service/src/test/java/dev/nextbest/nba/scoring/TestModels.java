package dev.nextbest.nba.scoring;

import ai.onnx.proto.OnnxMl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shipped models (nba-service/models), and small hand-built ONNX graphs that must be refused. */
final class TestModels {

    static final Path SHIPPED = Path.of("models");

    private TestModels() {
    }

    static byte[] bytes(String model) throws IOException {
        return Files.readAllBytes(SHIPPED.resolve(model + ".onnx"));
    }

    static String descriptor(String model) throws IOException {
        return Files.readString(SHIPPED.resolve(model + ".json"));
    }

    /** probabilities = (x - x) / (x - x): NaN for every row, whatever the input. Input float[N, width]. */
    static byte[] nanModel(int width) {
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder().setName("nan")
                .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Sub").addInput("features").addInput("features").addOutput("zero"))
                .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Div").addInput("zero").addInput("zero").addOutput("probabilities"))
                .addInput(tensor("features", width))
                .addOutput(tensor("probabilities", width))
                .build();
        return OnnxMl.ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph).build().toByteArray();
    }

    private static OnnxMl.ValueInfoProto tensor(String name, int columns) {
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                        .setShape(OnnxMl.TensorShapeProto.newBuilder()
                                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(columns)))))
                .build();
    }
}
