package dev.monoscale.memory;

/** Stable id of a memory entry, such as {@code m3-avoid-quick-math-2}. */
public record MemoryEntryId(String value) implements Comparable<MemoryEntryId> {

    public MemoryEntryId {
        if (value == null || !value.matches("[a-z0-9][a-z0-9._-]{0,119}")) {
            throw new IllegalArgumentException(
                    "memory entry id '%s' must be lower-case letters, digits, '.', '_' or '-'".formatted(value));
        }
    }

    /**
     * The id {@code value}.
     *
     * @param value lower-case letters, digits, '.', '_' or '-', at most 120 characters
     * @return the id
     * @throws IllegalArgumentException if the value has other characters
     */
    public static MemoryEntryId of(String value) {
        return new MemoryEntryId(value);
    }

    @Override
    public int compareTo(MemoryEntryId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
