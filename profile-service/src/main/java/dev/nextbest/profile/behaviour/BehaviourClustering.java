package dev.nextbest.profile.behaviour;

import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.Well19937c;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * k-means++ (Apache Commons Math) over standardised behaviour vectors, seeded so that the same data gives
 * the same clusters. Each cluster is described by the features where its centre stands furthest from the
 * population (in standard deviations). Clusters keep their labels from the run before when they are still
 * there: each new cluster takes the label of the nearest old centre not yet taken, so "b2" stays "b2" while
 * it describes the same customers, and movement between runs means something.
 */
public final class BehaviourClustering {

    static final int MAX_ITERATIONS = 200;
    static final long SEED = 20261123L;
    /** Features shown as what distinguishes a cluster. */
    static final int DISTINGUISHING = 3;

    /** A cluster as the run stores it: its centre in the original (unstandardised) units. */
    public record Cluster(String label, long size, double share, double[] centre, List<Distinction> distinctions) {
    }

    /** How far the cluster's centre is from the population's mean on one feature, in standard deviations. */
    public record Distinction(String feature, double standardDeviations) {
    }

    /** The clusters, and each customer's. */
    public record Result(Map<String, Cluster> clusters, Map<String, String> labels) {
    }

    private record Point(String customerId, double[] standardised) implements Clusterable {
        @Override
        public double[] getPoint() {
            return standardised;
        }
    }

    private BehaviourClustering() {
    }

    /**
     * @param vectors  behaviour vectors by customer id
     * @param previous the last run's clusters by label (empty for the first run)
     */
    public static Result cluster(Map<String, double[]> vectors, int k, Map<String, Cluster> previous) {
        int dimensions = BehaviourVector.FEATURES.size();
        double[] mean = new double[dimensions];
        double[] deviation = new double[dimensions];
        vectors.values().forEach(v -> {
            for (int d = 0; d < dimensions; d++) {
                mean[d] += v[d] / vectors.size();
            }
        });
        vectors.values().forEach(v -> {
            for (int d = 0; d < dimensions; d++) {
                deviation[d] += (v[d] - mean[d]) * (v[d] - mean[d]) / vectors.size();
            }
        });
        for (int d = 0; d < dimensions; d++) {
            // A feature nobody varies on carries no information; 1 keeps it at 0 instead of dividing by 0.
            deviation[d] = deviation[d] == 0 ? 1 : Math.sqrt(deviation[d]);
        }
        List<Point> points = new ArrayList<>(vectors.size());
        new TreeMap<>(vectors).forEach((id, v) -> points.add(new Point(id, standardise(v, mean, deviation))));

        KMeansPlusPlusClusterer<Point> clusterer = new KMeansPlusPlusClusterer<>(Math.min(k, points.size()),
                MAX_ITERATIONS, new EuclideanDistance(), new Well19937c(SEED));
        List<CentroidCluster<Point>> found = clusterer.cluster(points);
        found.removeIf(cluster -> cluster.getPoints().isEmpty());

        List<String> labels = labelsFor(found, previous, mean, deviation);
        Map<String, Cluster> clusters = new LinkedHashMap<>();
        Map<String, String> assignment = new HashMap<>();
        for (int c = 0; c < found.size(); c++) {
            CentroidCluster<Point> cluster = found.get(c);
            double[] centre = cluster.getCenter().getPoint();
            String label = labels.get(c);
            clusters.put(label, new Cluster(label, cluster.getPoints().size(),
                    round((double) cluster.getPoints().size() / points.size()), original(centre, mean, deviation),
                    distinctions(centre)));
            cluster.getPoints().forEach(point -> assignment.put(point.customerId(), label));
        }
        return new Result(clusters, assignment);
    }

    /** Old labels to the nearest new centres first; new clusters beyond the old ones get fresh labels. */
    private static List<String> labelsFor(List<CentroidCluster<Point>> found, Map<String, Cluster> previous,
                                          double[] mean, double[] deviation) {
        record Pair(int cluster, String label, double distance) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (int c = 0; c < found.size(); c++) {
            double[] centre = found.get(c).getCenter().getPoint();
            for (Cluster old : previous.values()) {
                pairs.add(new Pair(c, old.label(), new EuclideanDistance().compute(centre,
                        standardise(old.centre(), mean, deviation))));
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::distance));
        String[] labels = new String[found.size()];
        Set<String> taken = new HashSet<>();
        for (Pair pair : pairs) {
            if (labels[pair.cluster()] == null && taken.add(pair.label())) {
                labels[pair.cluster()] = pair.label();
            }
        }
        int next = 1;
        for (int c = 0; c < labels.length; c++) {
            while (labels[c] == null) {
                String candidate = "b" + next++;
                if (taken.add(candidate)) {
                    labels[c] = candidate;
                }
            }
        }
        return List.of(labels);
    }

    private static List<Distinction> distinctions(double[] standardisedCentre) {
        List<Distinction> all = new ArrayList<>();
        for (int d = 0; d < standardisedCentre.length; d++) {
            all.add(new Distinction(BehaviourVector.FEATURES.get(d), round(standardisedCentre[d])));
        }
        all.sort(Comparator.comparingDouble((Distinction x) -> Math.abs(x.standardDeviations())).reversed());
        return List.copyOf(all.subList(0, Math.min(DISTINGUISHING, all.size())));
    }

    private static double[] standardise(double[] v, double[] mean, double[] deviation) {
        double[] s = new double[v.length];
        for (int d = 0; d < v.length; d++) {
            s[d] = (v[d] - mean[d]) / deviation[d];
        }
        return s;
    }

    private static double[] original(double[] s, double[] mean, double[] deviation) {
        double[] v = new double[s.length];
        for (int d = 0; d < s.length; d++) {
            v[d] = round(s[d] * deviation[d] + mean[d]);
        }
        return v;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
