package dev.nextbest.profile.behaviour;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BehaviourClusteringTest {

    @Test
    void findsTheGroupsSaysWhatSetsThemApartAndKeepsTheirLabelsNextTime() {
        Map<String, double[]> vectors = population(new Random(1));

        BehaviourClustering.Result first = BehaviourClustering.cluster(vectors, 2, Map.of());

        assertThat(first.clusters()).hasSize(2);
        assertThat(first.labels()).hasSize(200);
        String buyersLabel = first.labels().get("buyer-0");
        assertThat(first.labels()).allSatisfy((id, label) ->
                assertThat(label).isEqualTo(id.startsWith("buyer") ? buyersLabel : first.labels().get("caller-0")));
        BehaviourClustering.Cluster buyers = first.clusters().get(buyersLabel);
        assertThat(buyers.size()).isEqualTo(100);
        assertThat(buyers.share()).isEqualTo(0.5);
        assertThat(buyers.distinctions()).extracting(BehaviourClustering.Distinction::feature)
                .containsAnyOf("purchases", "purchaseValue", "agent", "complaints");

        BehaviourClustering.Result second = BehaviourClustering.cluster(population(new Random(2)), 2, first.clusters());
        assertThat(second.labels().get("buyer-0")).as("the same group keeps its label").isEqualTo(buyersLabel);
    }

    @Test
    void theSameDataGivesTheSameClusters() {
        Map<String, double[]> vectors = population(new Random(3));
        assertThat(BehaviourClustering.cluster(vectors, 3, Map.of()).labels())
                .isEqualTo(BehaviourClustering.cluster(vectors, 3, Map.of()).labels());
    }

    /** 100 online buyers and 100 customers who call and complain, with noise. */
    private static Map<String, double[]> population(Random random) {
        Map<String, double[]> vectors = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            double[] buyer = new double[BehaviourVector.FEATURES.size()];
            buyer[0] = 3 + random.nextGaussian() * 0.2;
            buyer[1] = 5 + random.nextInt(5);
            buyer[2] = 2 + random.nextGaussian() * 0.2;
            buyer[3] = 6 + random.nextGaussian() * 0.3;
            buyer[4] = 0.8;
            buyer[5] = 0.2;
            vectors.put("buyer-" + i, buyer);
            double[] caller = new double[BehaviourVector.FEATURES.size()];
            caller[0] = 2 + random.nextGaussian() * 0.2;
            caller[1] = 30 + random.nextInt(30);
            caller[6] = 0.7;
            caller[7] = 0.3;
            caller[11] = 1.5 + random.nextGaussian() * 0.2;
            caller[12] = 2;
            vectors.put("caller-" + i, caller);
        }
        return vectors;
    }
}
