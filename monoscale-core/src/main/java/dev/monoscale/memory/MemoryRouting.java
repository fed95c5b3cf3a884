package dev.monoscale.memory;

import dev.monoscale.core.PolicyRouter;
import dev.monoscale.core.Pool;

/** Makes the router that a memory version induces on a pool: π_m. */
public interface MemoryRouting {

    /**
     * The router {@code memory} induces on {@code pool}.
     *
     * @param pool the workers to route among
     * @param memory the memory version to route with
     * @return a router bound to that pool and version
     */
    PolicyRouter router(Pool pool, RoutingMemory memory);
}
