package dev.nextbest.nba.training;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nextbest.nba.scoring.FeatureEncoder;
import dev.nextbest.nba.scoring.ModelDescriptor;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shipped models, as committed, on their validation splits (the same seed as {@link TrainModels}): with
 * their own descriptors' encoding, in ONNX Runtime, they reach the AUC docs/models.md reports. Skipped
 * where ../shared/datasets is absent.
 */
class ShippedModelsTest {

    private static final Path DATASETS = Path.of("../../shared/datasets");

    @Test
    void offerAcceptanceReachesItsReportedAuc() throws Exception {
        assertThat(validationAuc(Recipe.OFFER_ACCEPTANCE)).isGreaterThan(0.82);
    }

    @Test
    void termDepositReachesItsReportedAuc() throws Exception {
        assertThat(validationAuc(Recipe.TERM_DEPOSIT)).isGreaterThan(0.70);
    }

    private static double validationAuc(Recipe recipe) throws Exception {
        Path file = DATASETS.resolve(recipe.file());
        assumeTrue(Files.isRegularFile(file), "the data set " + file + " is not here (see ../shared/datasets/README.md)");
        ModelDescriptor descriptor = new ObjectMapper().findAndRegisterModules()
                .readValue(Path.of("models", recipe.model() + ".json").toFile(), ModelDescriptor.class);
        FeatureEncoder encoder = new FeatureEncoder(descriptor.spec());
        List<Map<String, String>> rows = new ArrayList<>(CsvTable.read(file, recipe.separator()).rows());
        Collections.shuffle(rows, new Random(TrainModels.SEED));
        List<Map<String, String>> validation = rows.subList(0, rows.size() / 5);
        float[] data = new float[validation.size() * encoder.width()];
        boolean[] outcomes = new boolean[validation.size()];
        for (int i = 0; i < validation.size(); i++) {
            Map<String, Map<String, Object>> sources = TrainModels.sources(recipe, validation.get(i));
            encoder.encode(sources.getOrDefault("profile", Map.of()), sources.getOrDefault("context", Map.of()),
                    sources.getOrDefault("action", Map.of()), data, i * encoder.width());
            outcomes[i] = recipe.positive().equals(validation.get(i).get(recipe.target()));
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession(Files.readAllBytes(Path.of("models", recipe.model() + ".onnx")),
                new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(data), new long[] {validation.size(), encoder.width()});
             OrtSession.Result result = session.run(Map.of("features", input))) {
            float[][] probabilities = (float[][]) result.get("probabilities").orElseThrow().getValue();
            float[] scores = new float[probabilities.length];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = probabilities[i][1];
            }
            return Auc.of(scores, outcomes);
        }
    }
}
