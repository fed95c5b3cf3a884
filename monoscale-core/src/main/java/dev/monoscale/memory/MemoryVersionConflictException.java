package dev.monoscale.memory;

import dev.monoscale.core.MonoscaleException;
import org.jspecify.annotations.Nullable;

/** An update was built on a version that is no longer the head. */
public final class MemoryVersionConflictException extends MonoscaleException {

    public MemoryVersionConflictException(@Nullable MemoryVersion head, RoutingMemory next) {
        super("memory head is %s but %s was built on %s; re-run the round against the new head".formatted(
                head == null ? "empty" : head, next.version(), next.parent() == null ? "nothing" : next.parent()));
    }
}
