package dev.monoscale.bench;

import dev.monoscale.text.Words;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Online learners given labelled interactions one at a time, for the replay benchmark: each sees a question's
 * text, picks a model, and learns that model's recorded score. After the budget they route greedily.
 */
final class Bandits {

    private Bandits() {}

    /** A learner over {@code arms} models. */
    interface Learner {
        int choose(String text);

        void learn(String text, int arm, double reward);

        /** The greedy choice once learning is over. */
        int best(String text);
    }

    /**
     * LinUCB with disjoint linear models (Li et al., 2010): the context is the question's content words hashed
     * into {@value #DIMENSIONS} buckets, L2-normalised, plus a bias; the upper bound is θ·x + α·√(xᵀA⁻¹x).
     */
    static final class LinUcb implements Learner {
        static final int DIMENSIONS = 64;
        private final double alpha;
        private final double[][][] inverse;
        private final double[][] b;

        LinUcb(int arms, double alpha) {
            this.alpha = alpha;
            int d = DIMENSIONS + 1;
            inverse = new double[arms][d][d];
            b = new double[arms][d];
            for (double[][] a : inverse) {
                for (int i = 0; i < d; i++) {
                    a[i][i] = 1;
                }
            }
        }

        @Override
        public int choose(String text) {
            double[] x = features(text);
            int best = 0;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int arm = 0; arm < b.length; arm++) {
                double[] ax = times(inverse[arm], x);
                double value = dot(theta(arm), x) + alpha * Math.sqrt(Math.max(0, dot(x, ax)));
                if (value > bestValue) {
                    best = arm;
                    bestValue = value;
                }
            }
            return best;
        }

        @Override
        public void learn(String text, int arm, double reward) {
            double[] x = features(text);
            double[][] a = inverse[arm];
            double[] ax = times(a, x);
            double denominator = 1 + dot(x, ax);
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a.length; j++) {
                    a[i][j] -= ax[i] * ax[j] / denominator;
                }
            }
            for (int i = 0; i < x.length; i++) {
                b[arm][i] += reward * x[i];
            }
        }

        @Override
        public int best(String text) {
            double[] x = features(text);
            int best = 0;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int arm = 0; arm < b.length; arm++) {
                double value = dot(theta(arm), x);
                if (value > bestValue) {
                    best = arm;
                    bestValue = value;
                }
            }
            return best;
        }

        private double[] theta(int arm) {
            return times(inverse[arm], b[arm]);
        }

        static double[] features(String text) {
            double[] x = new double[DIMENSIONS + 1];
            List<String> words = Words.of(text);
            for (String word : words) {
                x[Math.floorMod(word.hashCode(), DIMENSIONS)] += 1;
            }
            double norm = 0;
            for (int i = 0; i < DIMENSIONS; i++) {
                norm += x[i] * x[i];
            }
            if (norm > 0) {
                norm = Math.sqrt(norm);
                for (int i = 0; i < DIMENSIONS; i++) {
                    x[i] /= norm;
                }
            }
            x[DIMENSIONS] = 1;
            return x;
        }

        private static double[] times(double[][] m, double[] v) {
            double[] out = new double[v.length];
            for (int i = 0; i < m.length; i++) {
                double sum = 0;
                for (int j = 0; j < v.length; j++) {
                    sum += m[i][j] * v[j];
                }
                out[i] = sum;
            }
            return out;
        }

        private static double dot(double[] a, double[] b) {
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                sum += a[i] * b[i];
            }
            return sum;
        }
    }

    /** Thompson sampling with a Beta(1, 1) prior per model and fractional rewards counted as partial successes. */
    static final class Thompson implements Learner {
        private final double[] successes;
        private final double[] failures;
        private final SplittableRandom random;

        Thompson(int arms, long seed) {
            successes = new double[arms];
            failures = new double[arms];
            random = new SplittableRandom(seed);
        }

        @Override
        public int choose(String text) {
            int best = 0;
            double bestDraw = -1;
            for (int arm = 0; arm < successes.length; arm++) {
                double draw = beta(1 + successes[arm], 1 + failures[arm]);
                if (draw > bestDraw) {
                    best = arm;
                    bestDraw = draw;
                }
            }
            return best;
        }

        @Override
        public void learn(String text, int arm, double reward) {
            successes[arm] += reward;
            failures[arm] += 1 - reward;
        }

        @Override
        public int best(String text) {
            int best = 0;
            for (int arm = 1; arm < successes.length; arm++) {
                if (mean(arm) > mean(best)) {
                    best = arm;
                }
            }
            return best;
        }

        private double mean(int arm) {
            return (1 + successes[arm]) / (2 + successes[arm] + failures[arm]);
        }

        /** A Beta draw as the ratio of two Gamma draws (Marsaglia and Tsang). */
        private double beta(double a, double b) {
            double x = gamma(a);
            double y = gamma(b);
            return x / (x + y);
        }

        private double gamma(double shape) {
            if (shape < 1) {
                return gamma(shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
            }
            double d = shape - 1.0 / 3;
            double c = 1 / Math.sqrt(9 * d);
            while (true) {
                double x = gaussian();
                double v = 1 + c * x;
                if (v <= 0) {
                    continue;
                }
                v = v * v * v;
                double u = random.nextDouble();
                if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                    return d * v;
                }
            }
        }

        private double gaussian() {
            double u = Math.max(Double.MIN_VALUE, random.nextDouble());
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
        }
    }
}
