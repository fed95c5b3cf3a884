package dev.monoscale.memory;

import org.jspecify.annotations.Nullable;

/** The rules every {@link MemoryStore} applies, written once. */
public final class MemoryStores {

    private MemoryStores() {}

    /**
     * Checks that {@code next} may follow {@code head}: version 0 with no parent on an empty store, otherwise
     * the head's successor with the head as parent.
     *
     * @throws MemoryVersionConflictException if it may not
     */
    public static void checkAppend(@Nullable MemoryVersion head, RoutingMemory next) {
        boolean fits = head == null
                ? next.version().equals(MemoryVersion.INITIAL) && next.parent() == null
                : head.equals(next.parent()) && next.version().equals(head.next());
        if (!fits) {
            throw new MemoryVersionConflictException(head, next);
        }
    }
}
