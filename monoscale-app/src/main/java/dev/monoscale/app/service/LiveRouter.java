package dev.monoscale.app.service;

import dev.monoscale.core.Plan;
import dev.monoscale.core.Router;
import dev.monoscale.core.Task;
import dev.monoscale.memory.RoutingMemory;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * Routes with the memory {@link MemoryHead} holds at each call: the router is rebuilt once per new version, and
 * once per change of the served pool (a worker onboarded through the API joins it), so the service follows both
 * without a restart, and each plan names the version it was made with.
 */
public final class LiveRouter implements Router {

    private final MemoryHead head;
    private final Function<RoutingMemory, Router> routers;
    private final RoutingObserver observer;
    private final IntSupplier poolGeneration;
    /** The router of the newest version and pool seen, with that version and pool generation; replaced together. */
    private volatile Bound bound;

    private record Bound(RoutingMemory memory, int pool, Router router) {}

    /** A plan and the memory version it was routed with. */
    public record Routed(Plan plan, RoutingMemory memory) {}

    public LiveRouter(MemoryHead head, Function<RoutingMemory, Router> routers) {
        this(head, routers, RoutingObserver.NONE);
    }

    /** @param observer told about every plan, with the version it was made with */
    public LiveRouter(MemoryHead head, Function<RoutingMemory, Router> routers, RoutingObserver observer) {
        this(head, routers, observer, () -> 0);
    }

    /**
     * @param poolGeneration changes when the pool {@code routers} build over changes ({@link ServedPool#joinedCount}):
     *     the router is then rebuilt on the same memory version
     */
    public LiveRouter(
            MemoryHead head,
            Function<RoutingMemory, Router> routers,
            RoutingObserver observer,
            IntSupplier poolGeneration) {
        this.head = head;
        this.routers = routers;
        this.observer = observer;
        this.poolGeneration = poolGeneration;
        RoutingMemory memory = head.current();
        this.bound = new Bound(memory, poolGeneration.getAsInt(), routers.apply(memory));
    }

    /** Routes {@code task} with the current head and says which version that was. */
    public Routed routeNamed(Task task) {
        RoutingMemory memory = head.current();
        int pool = poolGeneration.getAsInt();
        Bound current = bound;
        if (!current.memory().version().equals(memory.version()) || current.pool() != pool) {
            current = new Bound(memory, pool, routers.apply(memory));
            bound = current;
        }
        Routed routed = new Routed(current.router().route(task), current.memory());
        observer.routed(task, routed);
        return routed;
    }

    @Override
    public Plan route(Task task) {
        return routeNamed(task).plan();
    }

    /** The memory the next route would use. */
    public RoutingMemory memory() {
        return head.current();
    }
}
