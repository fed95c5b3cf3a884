package dev.monoscale.stats;

/** A closed interval [low, high] around an estimate. */
public record Interval(double low, double high) {

    public Interval {
        if (!(low <= high)) {
            throw new IllegalArgumentException("interval low %s is above high %s".formatted(low, high));
        }
    }

    public double width() {
        return high - low;
    }

    public boolean contains(double x) {
        return low <= x && x <= high;
    }
}
