package dev.monoscale.memory;

/** The number of a memory version: 0 is the empty initial memory, and every append adds one. */
public record MemoryVersion(int number) implements Comparable<MemoryVersion> {

    public static final MemoryVersion INITIAL = new MemoryVersion(0);

    public MemoryVersion {
        if (number < 0) {
            throw new IllegalArgumentException("memory version must be >= 0, was " + number);
        }
    }

    /**
     * The version {@code number}.
     *
     * @param number 0 or more
     * @return the version
     * @throws IllegalArgumentException if the number is negative
     */
    public static MemoryVersion of(int number) {
        return new MemoryVersion(number);
    }

    /** Parses {@code v3} or {@code 3}. */
    public static MemoryVersion parse(String text) {
        String digits = text.startsWith("v") ? text.substring(1) : text;
        if (!digits.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException(
                    "memory version '%s' is not a version; allowed: v0, v1, ... or 0, 1, ...".formatted(text));
        }
        return new MemoryVersion(Integer.parseInt(digits));
    }

    /**
     * The version an append on this one makes.
     *
     * @return this number plus one
     */
    public MemoryVersion next() {
        return new MemoryVersion(number + 1);
    }

    @Override
    public int compareTo(MemoryVersion other) {
        return Integer.compare(number, other.number);
    }

    @Override
    public String toString() {
        return "v" + number;
    }
}
