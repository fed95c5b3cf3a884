package dev.monoscale.stats;

/** Intervals for a success rate estimated from Bernoulli trials. */
public final class Proportions {

    /** The normal quantile for a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    private Proportions() {}

    /**
     * The Wilson score interval for {@code successes} out of {@code trials}; unlike the normal approximation
     * it stays inside [0, 1] and behaves at 0 and at {@code trials}.
     */
    public static Interval wilson(long successes, long trials, double z) {
        if (trials <= 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException(
                    "need 0 <= successes <= trials and trials > 0; got %d of %d".formatted(successes, trials));
        }
        return wilson((double) successes, trials, z);
    }

    /**
     * The Wilson interval for a sum of graded outcomes in [0, 1] (scores rather than passes), {@code successes} out
     * of {@code trials}: the same formula with the mean score for the rate; for whole numbers it is the interval
     * above, to the bit.
     */
    public static Interval wilson(double successes, long trials, double z) {
        if (trials <= 0 || !(successes >= 0) || successes > trials) {
            throw new IllegalArgumentException(
                    "need 0 <= successes <= trials and trials > 0; got %s of %d".formatted(successes, trials));
        }
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        double low = successes == 0 ? 0 : Math.max(0, centre - half);
        double high = successes == trials ? 1 : Math.min(1, centre + half);
        return new Interval(low, high);
    }

    /**
     * P(X ≥ {@code k}) for X ~ Binomial({@code n}, {@code q}), summed exactly (for the small n a sign test meets).
     *
     * @param n trials, at least 0
     * @param k the smallest count counted, from 0 to n + 1 (n + 1 gives 0)
     * @param q the success probability, in [0, 1]
     * @return the upper tail
     */
    public static double binomialUpperTail(int n, int k, double q) {
        if (n < 0 || k < 0 || k > n + 1 || !(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException(
                    "need 0 <= k <= n + 1 and q in [0, 1], was n %d, k %d, q %s".formatted(n, k, q));
        }
        if (k == 0) {
            return 1;
        }
        double tail = 0;
        double choose = 1;
        for (int j = 0; j <= n; j++) {
            if (j > 0) {
                choose = choose * (n - j + 1) / j;
            }
            if (j >= k) {
                tail += choose * Math.pow(q, j) * Math.pow(1 - q, n - j);
            }
        }
        return Math.min(1, tail);
    }

    /**
     * The one-sided Clopper–Pearson lower bound on a success probability: the q at which {@code k} or more
     * successes of {@code n} have probability {@code alpha} (0 when k is 0). Exact, found by bisection.
     *
     * @param n trials, at least 1
     * @param k successes, from 0 to n
     * @param alpha the level, in (0, 1)
     * @return the bound
     */
    public static double clopperPearsonLower(int n, int k, double alpha) {
        if (n < 1 || k < 0 || k > n || !(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException(
                    "need 0 <= k <= n, n >= 1 and alpha in (0, 1), was n %d, k %d, alpha %s".formatted(n, k, alpha));
        }
        if (k == 0) {
            return 0;
        }
        double low = 0;
        double high = 1;
        for (int i = 0; i < 60; i++) {
            double mid = (low + high) / 2;
            if (binomialUpperTail(n, k, mid) < alpha) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
