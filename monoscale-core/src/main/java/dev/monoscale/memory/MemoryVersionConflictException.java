package dev.monoscale.memory;

import dev.monoscale.core.MonoscaleException;
import org.jspecify.annotations.Nullable;

/** An update was built on a version that is no longer the head. */
public final class MemoryVersionConflictException extends MonoscaleException {

    /**
     * An append that lost: {@code next} was built on another version than the head.
     *
     * @param head the store's head when the append was tried; null for an empty store
     * @param next the version that was not appended
     */
    public MemoryVersionConflictException(@Nullable MemoryVersion head, RoutingMemory next) {
        super("memory head is %s but %s was built on %s; re-run the round against the new head"
                .formatted(
                        head == null ? "empty" : head,
                        next.version(),
                        next.parent() == null ? "nothing" : next.parent()));
    }
}
