package dev.nextbest.nba.scoring;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A model ready to score: its ONNX Runtime session (thread-safe, shared by all requests), its encoder, and
 * which output holds the probability. {@link #score} scores a whole batch in one call.
 */
public final class ServingModel implements AutoCloseable {

    private final UUID id;
    private final String name;
    private final int version;
    private final String checksum;
    private final List<String> groups;
    private final FeatureEncoder encoder;
    private final OrtSession session;
    private final String input;
    private final String output;

    ServingModel(UUID id, String name, int version, String checksum, List<String> groups, FeatureEncoder encoder,
                 OrtSession session, String input, String output) {
        this.id = id;
        this.name = name;
        this.version = version;
        this.checksum = checksum;
        this.groups = groups;
        this.encoder = encoder;
        this.session = session;
        this.input = input;
        this.output = output;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public int version() {
        return version;
    }

    public String checksum() {
        return checksum;
    }

    public List<String> groups() {
        return groups;
    }

    public FeatureEncoder encoder() {
        return encoder;
    }

    /** "name@version", as decisions record it. */
    public String label() {
        return name + "@" + version;
    }

    /** @param rows {@code count} rows of {@link FeatureEncoder#width()} values; @return the positive class's probability per row */
    public float[] score(float[] rows, int count) throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        FloatBuffer buffer = inputBuffer(count * encoder.width());
        buffer.put(rows, 0, count * encoder.width()).flip();
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, buffer, new long[] {count, encoder.width()});
             OrtSession.Result result = session.run(Map.of(input, tensor), java.util.Set.of(output))) {
            return probabilities(result.get(output).orElseThrow(), count);
        }
    }

    /**
     * A direct buffer per thread, reused: ONNX Runtime reads a direct buffer in place, where a heap array would
     * be copied into a new direct buffer on every call (and direct buffers are costly to allocate and free).
     */
    private static final ThreadLocal<FloatBuffer[]> INPUTS = ThreadLocal.withInitial(() -> new FloatBuffer[1]);

    private static FloatBuffer inputBuffer(int floats) {
        FloatBuffer[] holder = INPUTS.get();
        if (holder[0] == null || holder[0].capacity() < floats) {
            holder[0] = java.nio.ByteBuffer.allocateDirect(Math.max(floats, 16 * 1024) * Float.BYTES)
                    .order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
        }
        FloatBuffer buffer = holder[0];
        buffer.clear();
        return buffer;
    }

    /** A [N, 2] output gives the second column, a [N, 1] or [N] output its only one. */
    static float[] probabilities(OnnxValue value, int count) throws OrtException {
        Object raw = value.getValue();
        float[] scores = new float[count];
        if (raw instanceof float[][] matrix) {
            for (int i = 0; i < count; i++) {
                scores[i] = matrix[i][matrix[i].length - 1];
            }
        } else if (raw instanceof float[] vector) {
            System.arraycopy(vector, 0, scores, 0, count);
        } else {
            throw new OrtException("the model's output is neither float[N] nor float[N, k]");
        }
        return scores;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // Closing frees native memory; a failure leaves nothing to do.
        }
    }
}
