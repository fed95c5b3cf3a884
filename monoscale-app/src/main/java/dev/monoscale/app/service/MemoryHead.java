package dev.monoscale.app.service;

import dev.monoscale.memory.RoutingMemory;

/**
 * The memory version to route with now. A store-backed head follows versions another process appends; a store with
 * its own change notification (PostgreSQL's LISTEN/NOTIFY) can implement this directly instead of being polled.
 */
public interface MemoryHead {

    RoutingMemory current();

    /** Always {@code memory}: for a service without a database. */
    static MemoryHead fixed(RoutingMemory memory) {
        return () -> memory;
    }
}
