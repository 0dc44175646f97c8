package dev.nextbest.nba.learning;

import java.util.SplittableRandom;

/** Draws from Beta(alpha, beta) as X / (X + Y) with X, Y Gamma draws (Marsaglia and Tsang; alpha, beta >= 1). Not thread-safe: one per decision. */
public final class BetaSampler {

    private final SplittableRandom random;

    public BetaSampler(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public double next(double alpha, double beta) {
        if (alpha == 1 && beta == 1) {
            return random.nextDouble();  // Beta(1, 1), an action nobody has answered yet, is uniform
        }
        double x = gamma(alpha);
        double y = gamma(beta);
        return x / (x + y);
    }

    private double gamma(double shape) {
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z;
            double v;
            do {
                z = gaussian();
                v = 1 + c * z;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * z * z * z * z || Math.log(u) < 0.5 * z * z + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /** The JDK's ziggurat (RandomGenerator.nextGaussian), much cheaper than Box-Muller. */
    private double gaussian() {
        return random.nextGaussian();
    }
}
