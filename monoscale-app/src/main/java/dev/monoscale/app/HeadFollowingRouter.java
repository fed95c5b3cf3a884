package dev.monoscale.app;

import dev.monoscale.core.Plan;
import dev.monoscale.core.Router;
import dev.monoscale.core.Task;
import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.MemoryVersion;
import dev.monoscale.memory.RoutingMemory;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A router that routes with the head of a shared memory: when the store reports a new head (an onboarding round
 * or a rollback in another process, another replica's append), it builds a router over that version and routes
 * every later task with it. A task already being routed finishes with the router it started with. If the new head
 * cannot be read, the router keeps the version it has and {@code switched} is not called.
 */
public final class HeadFollowingRouter implements Router, AutoCloseable {

    private final MemoryStore store;
    private final Function<RoutingMemory, Router> routers;
    private final Consumer<RoutingMemory> switched;
    private final MemoryStore.Subscription subscription;
    private volatile @Nullable Following current;

    /** @param stored false for the fallback, which any version of the store replaces */
    private record Following(RoutingMemory memory, Router router, boolean stored) {}

    private HeadFollowingRouter(
            MemoryStore store,
            RoutingMemory fallback,
            Function<RoutingMemory, Router> routers,
            Consumer<RoutingMemory> switched) {
        this.store = store;
        this.routers = routers;
        this.switched = switched;
        // subscribe before reading the head, so that no append falls between the two
        this.subscription = store.onNewHead(this::heard);
        var head = store.head();
        Following first = new Following(head.orElse(fallback), routers.apply(head.orElse(fallback)), head.isPresent());
        synchronized (this) {
            if (current == null) {
                current = first;
            }
        }
    }

    /**
     * Routes with the head of {@code store} (or {@code fallback} while it is empty) and follows it.
     *
     * @param routers builds the router for a memory version
     * @param switched told of each version the router switched to, on the store's listening thread
     */
    public static HeadFollowingRouter follow(
            MemoryStore store,
            RoutingMemory fallback,
            Function<RoutingMemory, Router> routers,
            Consumer<RoutingMemory> switched) {
        return new HeadFollowingRouter(store, fallback, routers, switched);
    }

    /** The memory version tasks are routed with now. */
    public RoutingMemory memory() {
        return following().memory();
    }

    @Override
    public Plan route(Task task) {
        return following().router().route(task);
    }

    private Following following() {
        return Objects.requireNonNull(current, "set by the constructor");
    }

    @Override
    public void close() {
        subscription.close();
    }

    private void heard(MemoryVersion version) {
        RoutingMemory memory = store.find(version).orElse(null);
        if (memory == null) {
            return;
        }
        Router router = routers.apply(memory);
        synchronized (this) {
            Following now = current;
            if (now != null && now.stored() && now.memory().version().compareTo(memory.version()) >= 0) {
                return;
            }
            current = new Following(memory, router, true);
        }
        switched.accept(memory);
    }
}
