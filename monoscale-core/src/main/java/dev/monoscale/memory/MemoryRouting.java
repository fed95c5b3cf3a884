package dev.monoscale.memory;

import dev.monoscale.core.PolicyRouter;
import dev.monoscale.core.Pool;

/** Makes the router that a memory version induces on a pool: π_m. */
public interface MemoryRouting {

    PolicyRouter router(Pool pool, RoutingMemory memory);
}
