package dev.nextbest.nba.scoring;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.nextbest.nba.policy.PolicyExpressions;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Turns uploaded bytes and a descriptor into a {@link ServingModel}, or says precisely why it cannot: the
 * bytes are not a model ONNX Runtime loads; a feature's source names nothing a decision has; the model's
 * input is not float[N, width of the features]; it has no probability output; or a probe batch of 64 rows
 * gives a value that is not a probability (NaN, infinite, outside 0..1).
 */
@ApplicationScoped
public class ModelLoader {

    static final int PROBE_ROWS = 64;

    /** Why a model cannot serve; the message is for the uploader. */
    public static class InvalidModelException extends Exception {
        public InvalidModelException(String message) {
            super(message);
        }
    }

    /**
     * @param actionAttributes the attributes the actions of the model's groups have (action.attributes.* features
     *                         must name one of them); null to skip that check (a stored model, checked on upload)
     */
    public ServingModel load(UUID id, int version, String checksum, byte[] onnx, ModelDescriptor descriptor,
                             Set<String> actionAttributes) throws InvalidModelException {
        FeatureSpec spec = descriptor.spec();
        checkSources(spec, actionAttributes);
        OrtSession session;
        try {
            session = OrtEnvironment.getEnvironment().createSession(onnx, options());
        } catch (OrtException | RuntimeException e) {
            throw new InvalidModelException("the bytes are not a model ONNX Runtime can load: " + e.getMessage());
        }
        try {
            String input = checkInput(session, spec.width());
            String output = probabilityOutput(session);
            ServingModel model = new ServingModel(id, descriptor.name(), version, checksum, List.copyOf(descriptor.groups()),
                    new FeatureEncoder(spec), session, input, output);
            probe(model);
            return model;
        } catch (InvalidModelException | RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    /**
     * One request's batch is small (at most the live catalogue): it runs on the calling thread. ONNX Runtime's
     * own thread pool would spin between batches and take CPU from everything else on the node.
     */
    private static OrtSession.SessionOptions options() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        options.addConfigEntry("session.inter_op.allow_spinning", "0");
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return options;
    }

    static void checkSources(FeatureSpec spec, Set<String> actionAttributes) throws InvalidModelException {
        List<String> problems = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (FeatureSpec.Feature feature : spec.features()) {
            if (!names.add(feature.name())) {
                problems.add("feature '" + feature.name() + "' is named twice");
            }
            String[] path = feature.source().split("\\.");
            String problem = switch (path[0]) {
                case "profile" -> !PolicyExpressions.PROFILE_FIELDS.contains(path[1])
                        ? "'" + path[1] + "' is not a field of a profile; the fields are " + new java.util.TreeSet<>(PolicyExpressions.PROFILE_FIELDS)
                        : path[1].equals("traits") && (path.length < 3 || !PolicyExpressions.TRAIT_FIELDS.contains(path[2]))
                        ? "profile.traits has no trait '" + (path.length < 3 ? "" : path[2]) + "'; the traits are " + new java.util.TreeSet<>(PolicyExpressions.TRAIT_FIELDS)
                        : null;
                case "action" -> !PolicyExpressions.ACTION_FIELDS.contains(path[1])
                        ? "'" + path[1] + "' is not a field of an action; the fields are " + new java.util.TreeSet<>(PolicyExpressions.ACTION_FIELDS)
                        : path[1].equals("attributes") && (path.length != 3 || actionAttributes != null && !actionAttributes.contains(path[2]))
                        ? "no action in the model's groups has the attribute '" + (path.length < 3 ? "" : path[2]) + "' (they have " + new java.util.TreeSet<>(actionAttributes) + ")"
                        : null;
                default -> null;
            };
            if (problem != null) {
                problems.add("feature '" + feature.name() + "' (" + feature.source() + "): " + problem);
            }
            if (feature.encoding() == FeatureSpec.Encoding.ONE_HOT && (feature.categories() == null || feature.categories().isEmpty())) {
                problems.add("feature '" + feature.name() + "' is one-hot but lists no categories");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidModelException(String.join("; ", problems));
        }
    }

    private static String checkInput(OrtSession session, int width) throws InvalidModelException {
        Map<String, NodeInfo> inputs;
        try {
            inputs = session.getInputInfo();
        } catch (OrtException e) {
            throw new InvalidModelException("the model's inputs cannot be read: " + e.getMessage());
        }
        if (inputs.size() != 1) {
            throw new InvalidModelException("the model must have exactly one input, float[N, " + width + "]; it has " + inputs.size());
        }
        Map.Entry<String, NodeInfo> input = inputs.entrySet().iterator().next();
        if (!(input.getValue().getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT
                || tensor.getShape().length != 2) {
            throw new InvalidModelException("the model's input '" + input.getKey() + "' must be float[N, " + width + "]; it is "
                    + input.getValue().getInfo());
        }
        long columns = tensor.getShape()[1];
        if (columns != width) {
            throw new InvalidModelException("the model's input '" + input.getKey() + "' takes " + columns
                    + " columns; the feature specification encodes " + width);
        }
        return input.getKey();
    }

    /** "probabilities" if there is one, else the only float output. */
    private static String probabilityOutput(OrtSession session) throws InvalidModelException {
        try {
            List<String> floats = new ArrayList<>();
            for (Map.Entry<String, NodeInfo> output : session.getOutputInfo().entrySet()) {
                if (output.getValue().getInfo() instanceof TensorInfo tensor && tensor.type == OnnxJavaType.FLOAT) {
                    floats.add(output.getKey());
                }
            }
            if (floats.contains("probabilities")) {
                return "probabilities";
            }
            if (floats.size() == 1) {
                return floats.get(0);
            }
            throw new InvalidModelException("the model needs one float output with the probability (or one named "
                    + "'probabilities'); it has " + floats.size() + " float outputs");
        } catch (OrtException e) {
            throw new InvalidModelException("the model's outputs cannot be read: " + e.getMessage());
        }
    }

    /** 64 rows: all zeros, all ones, then random values in each column's range (0/1 for flags and one-hot columns). */
    private static void probe(ServingModel model) throws InvalidModelException {
        int width = model.encoder().width();
        float[] rows = new float[PROBE_ROWS * width];
        Random random = new Random(42);
        for (int row = 0; row < PROBE_ROWS; row++) {
            for (int column = 0; column < width; column++) {
                rows[row * width + column] = row == 0 ? 0f : row == 1 ? 1f : random.nextFloat() < 0.5 ? 0f : random.nextFloat() * 100f;
            }
        }
        float[] scores;
        try {
            scores = model.score(rows, PROBE_ROWS);
        } catch (OrtException | RuntimeException e) {
            throw new InvalidModelException("the model failed on a probe batch of " + PROBE_ROWS + " rows: " + e.getMessage());
        }
        for (int i = 0; i < scores.length; i++) {
            if (!Float.isFinite(scores[i]) || scores[i] < 0f || scores[i] > 1f) {
                throw new InvalidModelException("the model gave " + scores[i] + " for probe row " + i
                        + " of " + PROBE_ROWS + "; a propensity must be a probability between 0 and 1");
            }
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException ignored) {
            // Nothing more to free.
        }
    }
}
