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
            throw new IllegalArgumentException("need 0 <= successes <= trials and trials > 0; got %d of %d".formatted(successes, trials));
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
            throw new IllegalArgumentException("need 0 <= successes <= trials and trials > 0; got %s of %d".formatted(successes, trials));
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
}
