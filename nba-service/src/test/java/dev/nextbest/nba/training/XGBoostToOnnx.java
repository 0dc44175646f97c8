package dev.nextbest.nba.training;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an XGBoost binary classifier (binary:logistic, base_score 0.5) as one ONNX-ML
 * {@code TreeEnsembleClassifier}: input {@code features} float[N, width], outputs {@code label} int64[N] and
 * {@code probabilities} float[N, 2]. Reads the trees from XGBoost's JSON dump; XGBoost goes "yes" when
 * {@code x < split_condition}, which is ONNX's BRANCH_LT with "yes" as the true branch.
 */
final class XGBoostToOnnx {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Long> treeIds = new ArrayList<>();
    private final List<Long> nodeIds = new ArrayList<>();
    private final List<Long> featureIds = new ArrayList<>();
    private final List<Float> values = new ArrayList<>();
    private final List<String> modes = new ArrayList<>();
    private final List<Long> trueIds = new ArrayList<>();
    private final List<Long> falseIds = new ArrayList<>();
    private final List<Long> missingTrue = new ArrayList<>();
    private final List<Long> leafTreeIds = new ArrayList<>();
    private final List<Long> leafNodeIds = new ArrayList<>();
    private final List<Float> leafWeights = new ArrayList<>();

    private XGBoostToOnnx() {
    }

    static byte[] convert(String[] jsonTrees, int width, String modelName) throws IOException {
        XGBoostToOnnx converter = new XGBoostToOnnx();
        for (int tree = 0; tree < jsonTrees.length; tree++) {
            converter.add(tree, JSON.readTree(jsonTrees[tree]));
        }
        return converter.model(width, modelName).toByteArray();
    }

    private void add(long tree, JsonNode node) {
        treeIds.add(tree);
        nodeIds.add(node.get("nodeid").asLong());
        if (node.has("leaf")) {
            featureIds.add(0L);
            values.add(0f);
            modes.add("LEAF");
            trueIds.add(0L);
            falseIds.add(0L);
            missingTrue.add(0L);
            leafTreeIds.add(tree);
            leafNodeIds.add(node.get("nodeid").asLong());
            leafWeights.add((float) node.get("leaf").asDouble());
            return;
        }
        featureIds.add(Long.parseLong(node.get("split").asText().substring(1)));
        values.add((float) node.get("split_condition").asDouble());
        modes.add("BRANCH_LT");
        long yes = node.get("yes").asLong();
        trueIds.add(yes);
        falseIds.add(node.get("no").asLong());
        missingTrue.add(node.get("missing").asLong() == yes ? 1L : 0L);
        for (JsonNode child : node.get("children")) {
            add(tree, child);
        }
    }

    private OnnxMl.ModelProto model(int width, String modelName) {
        List<Long> classIds = leafWeights.stream().map(w -> 0L).toList();
        OnnxMl.NodeProto ensemble = OnnxMl.NodeProto.newBuilder()
                .setName("trees").setOpType("TreeEnsembleClassifier").setDomain("ai.onnx.ml")
                .addInput("features").addOutput("label").addOutput("probabilities")
                .addAttribute(ints("nodes_treeids", treeIds))
                .addAttribute(ints("nodes_nodeids", nodeIds))
                .addAttribute(ints("nodes_featureids", featureIds))
                .addAttribute(floats("nodes_values", values))
                .addAttribute(strings("nodes_modes", modes))
                .addAttribute(ints("nodes_truenodeids", trueIds))
                .addAttribute(ints("nodes_falsenodeids", falseIds))
                .addAttribute(ints("nodes_missing_value_tracks_true", missingTrue))
                .addAttribute(ints("class_treeids", leafTreeIds))
                .addAttribute(ints("class_nodeids", leafNodeIds))
                .addAttribute(ints("class_ids", classIds))
                .addAttribute(floats("class_weights", leafWeights))
                .addAttribute(ints("classlabels_int64s", List.of(0L, 1L)))
                .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("post_transform")
                        .setType(OnnxMl.AttributeProto.AttributeType.STRING)
                        .setS(ByteString.copyFrom("LOGISTIC", StandardCharsets.UTF_8)))
                .build();
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder()
                .setName(modelName)
                .addNode(ensemble)
                .addInput(tensor("features", OnnxMl.TensorProto.DataType.FLOAT, width))
                .addOutput(tensor("label", OnnxMl.TensorProto.DataType.INT64, -1))
                .addOutput(tensor("probabilities", OnnxMl.TensorProto.DataType.FLOAT, 2))
                .build();
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("nextbest-training")
                .setModelVersion(1)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(1))
                .setGraph(graph)
                .build();
    }

    /** A tensor of [N] (columns -1) or [N, columns], N named "N" (any batch size). */
    private static OnnxMl.ValueInfoProto tensor(String name, OnnxMl.TensorProto.DataType type, int columns) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        if (columns > 0) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(columns));
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(type.getNumber()).setShape(shape)))
                .build();
    }

    private static OnnxMl.AttributeProto ints(String name, List<Long> values) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.INTS)
                .addAllInts(values).build();
    }

    private static OnnxMl.AttributeProto floats(String name, List<Float> values) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.FLOATS)
                .addAllFloats(values).build();
    }

    private static OnnxMl.AttributeProto strings(String name, List<String> values) {
        OnnxMl.AttributeProto.Builder attribute = OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.STRINGS);
        values.forEach(value -> attribute.addStrings(ByteString.copyFrom(value, StandardCharsets.UTF_8)));
        return attribute.build();
    }
}
