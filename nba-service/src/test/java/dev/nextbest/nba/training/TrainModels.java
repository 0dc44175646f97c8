package dev.nextbest.nba.training;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nextbest.nba.scoring.FeatureEncoder;
import dev.nextbest.nba.scoring.FeatureSpec;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Trains the two models nba-service ships, from the public data sets, and proves each one: gradient-boosted
 * trees (XGBoost) tuned with early stopping on part of the training split, compared on a held-out
 * validation split (20%, fixed seed) with the reference, XGBoost at its default settings. The shipped
 * model is exported to ONNX-ML and scored again with ONNX Runtime, which must give the same AUC.
 *
 * <pre>./mvnw -Ptrain-models -pl nba-service -am process-test-classes</pre>
 */
public final class TrainModels {

    static final long SEED = 20261123L;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One model's result, for the report. */
    record Evaluation(String model, int trainRows, int validationRows, int width, int trees, double referenceAuc,
                      double shippedAuc, double onnxAuc, double maxDifference, double positiveRate) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        if (options.containsKey("help")) {
            System.out.println("""
                    Usage: TrainModels [--datasets DIR] [--out DIR] [--report DIR]
                    Trains the shipped models (offer-acceptance, term-deposit) and writes each as <model>.onnx
                    with its upload descriptor <model>.json (name, groups, feature specification) into --out
                    (default nba-service/models), and the evaluation (evaluation.md, calibration charts) into
                    --report (default nba-service/target/models). --datasets defaults to ../shared/datasets.
                    Exit codes: 0 done, 1 a model did not beat its reference or its ONNX export disagrees,
                    2 bad arguments or a data set is missing.""");
            return;
        }
        Path datasets = Path.of(options.getOrDefault("datasets", "../shared/datasets"));
        Path out = Path.of(options.getOrDefault("out", "nba-service/models"));
        Path report = Path.of(options.getOrDefault("report", "nba-service/target/models"));
        for (Recipe recipe : Recipe.ALL) {
            if (!Files.isRegularFile(datasets.resolve(recipe.file()))) {
                System.err.println("missing data set " + datasets.resolve(recipe.file()) + " (see ../shared/datasets/README.md)");
                System.exit(2);
            }
        }
        Files.createDirectories(out);
        Files.createDirectories(report);
        List<Evaluation> evaluations = new ArrayList<>();
        for (Recipe recipe : Recipe.ALL) {
            evaluations.add(train(recipe, datasets, out, report));
        }
        String table = table(evaluations);
        Files.writeString(report.resolve("evaluation.md"), table);
        System.out.println();
        System.out.println(table);
        boolean proven = evaluations.stream().allMatch(e -> e.shippedAuc() >= e.referenceAuc()
                && Math.abs(e.onnxAuc() - e.shippedAuc()) < 1e-3);
        System.exit(proven ? 0 : 1);
    }

    static Evaluation train(Recipe recipe, Path datasets, Path out, Path report) throws Exception {
        System.out.printf("%n== %s: reading %s%n", recipe.model(), recipe.file());
        CsvTable table = CsvTable.read(datasets.resolve(recipe.file()), recipe.separator());
        List<Map<String, String>> rows = new ArrayList<>(table.rows());
        Collections.shuffle(rows, new Random(SEED));
        int validationSize = rows.size() / 5;
        List<Map<String, String>> validation = rows.subList(0, validationSize);
        List<Map<String, String>> training = rows.subList(validationSize, rows.size());
        FeatureSpec spec = spec(recipe, training);
        FeatureEncoder encoder = new FeatureEncoder(spec);
        System.out.printf("   %,d training rows, %,d validation rows, %d features in %d columns%n",
                training.size(), validation.size(), spec.features().size(), encoder.width());

        // Early stopping looks at the last tenth of the training split, never at the validation split.
        int stopSize = training.size() / 10;
        DMatrix fit = matrix(recipe, training.subList(stopSize, training.size()), encoder);
        DMatrix stop = matrix(recipe, training.subList(0, stopSize), encoder);
        DMatrix all = matrix(recipe, training, encoder);
        DMatrix held = matrix(recipe, validation, encoder);
        boolean[] outcomes = outcomes(recipe, validation);

        System.out.println("   reference: XGBoost at its defaults (100 trees, depth 6, eta 0.3)");
        Booster reference = XGBoost.train(all, params(Map.of()), 100, Map.of(), null, null);
        double referenceAuc = Auc.of(column(reference.predict(held)), outcomes);

        System.out.println("   shipped: XGBoost, eta 0.1, depth 6, subsampled, early stopping on AUC");
        Map<String, Object> tuned = params(Map.of("eta", 0.1, "max_depth", 6, "subsample", 0.8,
                "colsample_bytree", 0.8, "min_child_weight", 3, "eval_metric", "auc", "maximize_evaluation_metrics", true));
        Booster stopped = XGBoost.train(fit, tuned, 1500, Map.of("stop", stop), null, null, null, 50);
        int trees = Integer.parseInt(stopped.getAttr("best_iteration")) + 1;
        System.out.printf("   early stopping chose %d trees; training on the whole training split%n", trees);
        Booster shipped = XGBoost.train(all, tuned, trees, Map.of(), null, null);
        float[] shippedScores = column(shipped.predict(held));
        double shippedAuc = Auc.of(shippedScores, outcomes);

        byte[] onnx = XGBoostToOnnx.convert(shipped.getModelDump((String) null, true, "json"), encoder.width(), recipe.model());
        float[] onnxScores = scoreWithOnnxRuntime(onnx, recipe, validation, encoder);
        double maxDifference = 0;
        for (int i = 0; i < onnxScores.length; i++) {
            maxDifference = Math.max(maxDifference, Math.abs(onnxScores[i] - shippedScores[i]));
        }
        double onnxAuc = Auc.of(onnxScores, outcomes);
        Files.write(out.resolve(recipe.model() + ".onnx"), onnx);
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("name", recipe.model());
        descriptor.put("description", recipe.description());
        descriptor.put("groups", recipe.groups());
        descriptor.put("features", spec.features());
        Files.writeString(out.resolve(recipe.model() + ".json"), JSON.writeValueAsString(descriptor) + "\n");
        calibrationChart(recipe.model(), onnxScores, outcomes, report.resolve(recipe.model() + "-calibration.png"));
        System.out.printf("   AUC reference %.4f, shipped %.4f, ONNX Runtime %.4f (largest difference %.2e); wrote %s (%,d bytes)%n",
                referenceAuc, shippedAuc, onnxAuc, maxDifference, out.resolve(recipe.model() + ".onnx"), onnx.length);
        double positives = 0;
        for (boolean outcome : outcomes) {
            positives += outcome ? 1 : 0;
        }
        return new Evaluation(recipe.model(), training.size(), validation.size(), encoder.width(), trees, referenceAuc,
                shippedAuc, onnxAuc, maxDifference, positives / outcomes.length);
    }

    /** The feature specification: categories are those the training split has, sorted. */
    static FeatureSpec spec(Recipe recipe, List<Map<String, String>> training) {
        List<FeatureSpec.Feature> features = new ArrayList<>();
        for (Recipe.Column column : recipe.columns()) {
            List<String> categories = null;
            if (column.encoding() == FeatureSpec.Encoding.ONE_HOT) {
                TreeSet<String> seen = new TreeSet<>();
                training.forEach(row -> {
                    String value = row.get(column.csv());
                    if (value != null && !value.isEmpty()) {
                        seen.add(value);
                    }
                });
                categories = List.copyOf(seen);
            }
            Double defaultValue = column.encoding() == FeatureSpec.Encoding.ONE_HOT ? null : 0.0;
            String name = column.source().substring(column.source().lastIndexOf('.') + 1);
            features.add(new FeatureSpec.Feature(name, column.source(), column.encoding(), categories, defaultValue));
        }
        return new FeatureSpec(features);
    }

    /** A CSV row as a decision would see it: the kept columns placed at their sources' paths. */
    static Map<String, Map<String, Object>> sources(Recipe recipe, Map<String, String> row) {
        Map<String, Map<String, Object>> roots = new HashMap<>();
        for (Recipe.Column column : recipe.columns()) {
            String value = row.get(column.csv());
            if (value == null || value.isEmpty()) {
                continue;
            }
            String[] path = column.source().split("\\.");
            Map<String, Object> at = roots.computeIfAbsent(path[0], root -> new HashMap<>());
            for (int i = 1; i < path.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) at.computeIfAbsent(path[i], step -> new HashMap<>());
                at = next;
            }
            at.put(path[path.length - 1], value);
        }
        return roots;
    }

    private static float[] encode(Recipe recipe, List<Map<String, String>> rows, FeatureEncoder encoder) {
        float[] data = new float[rows.size() * encoder.width()];
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Map<String, Object>> sources = sources(recipe, rows.get(i));
            encoder.encode(sources.getOrDefault("profile", Map.of()), sources.getOrDefault("context", Map.of()),
                    sources.getOrDefault("action", Map.of()), data, i * encoder.width());
        }
        return data;
    }

    private static DMatrix matrix(Recipe recipe, List<Map<String, String>> rows, FeatureEncoder encoder) throws Exception {
        DMatrix matrix = new DMatrix(encode(recipe, rows, encoder), rows.size(), encoder.width(), Float.NaN);
        boolean[] outcomes = outcomes(recipe, rows);
        float[] labels = new float[outcomes.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = outcomes[i] ? 1f : 0f;
        }
        matrix.setLabel(labels);
        return matrix;
    }

    private static boolean[] outcomes(Recipe recipe, List<Map<String, String>> rows) {
        boolean[] outcomes = new boolean[rows.size()];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = recipe.positive().equals(rows.get(i).get(recipe.target()));
        }
        return outcomes;
    }

    private static Map<String, Object> params(Map<String, Object> overrides) {
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "binary:logistic");
        params.put("base_score", 0.5);
        params.put("seed", SEED);
        params.put("nthread", 2);
        params.put("verbosity", 0);
        params.putAll(overrides);
        return params;
    }

    private static float[] column(float[][] predictions) {
        float[] scores = new float[predictions.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = predictions[i][0];
        }
        return scores;
    }

    private static float[] scoreWithOnnxRuntime(byte[] onnx, Recipe recipe, List<Map<String, String>> rows,
                                                FeatureEncoder encoder) throws Exception {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession(onnx, new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(encode(recipe, rows, encoder)),
                     new long[] {rows.size(), encoder.width()});
             OrtSession.Result result = session.run(Map.of("features", input))) {
            float[][] probabilities = (float[][]) result.get("probabilities").orElseThrow().getValue();
            float[] scores = new float[probabilities.length];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = probabilities[i][1];
            }
            return scores;
        }
    }

    /** Predicted against observed acceptance, by tenths of the predicted probability. */
    private static void calibrationChart(String model, float[] scores, boolean[] outcomes, Path file) throws Exception {
        double[] predicted = new double[10];
        double[] observed = new double[10];
        int[] counts = new int[10];
        for (int i = 0; i < scores.length; i++) {
            int bin = Math.min(9, (int) (scores[i] * 10));
            predicted[bin] += scores[i];
            observed[bin] += outcomes[i] ? 1 : 0;
            counts[bin]++;
        }
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int bin = 0; bin < 10; bin++) {
            if (counts[bin] > 0) {
                xs.add(predicted[bin] / counts[bin]);
                ys.add(observed[bin] / counts[bin]);
            }
        }
        XYChart chart = new XYChartBuilder().width(640).height(480).title(model + ": calibration on the validation split")
                .xAxisTitle("predicted probability").yAxisTitle("observed rate").build();
        chart.addSeries("perfect", new double[] {0, 1}, new double[] {0, 1});
        chart.addSeries(model, xs, ys);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static String table(List<Evaluation> evaluations) {
        StringBuilder text = new StringBuilder("""
                | model | training rows | validation rows | input columns | trees | positive rate | AUC reference (XGBoost defaults) | AUC shipped (XGBoost) | AUC in ONNX Runtime | largest score difference |
                |---|---|---|---|---|---|---|---|---|---|
                """);
        for (Evaluation e : evaluations) {
            text.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %d | %d | %.3f | %.4f | %.4f | %.4f | %.1e |%n",
                    e.model(), e.trainRows(), e.validationRows(), e.width(), e.trees(), e.positiveRate(),
                    e.referenceAuc(), e.shippedAuc(), e.onnxAuc(), e.maxDifference()));
        }
        return text.toString();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> options.put("help", "");
                case "--datasets", "--out", "--report" -> {
                    if (i + 1 >= args.length) {
                        System.err.println(args[i] + " needs a value; see --help");
                        System.exit(2);
                    }
                    options.put(args[i].substring(2), args[++i]);
                }
                default -> {
                    System.err.println("unknown argument " + args[i] + "; see --help");
                    System.exit(2);
                }
            }
        }
        return options;
    }
}
