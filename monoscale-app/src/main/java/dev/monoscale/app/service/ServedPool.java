package dev.monoscale.app.service;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Worker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The pool {@code serve} routes over and calls: the pool it started with, plus every worker onboarded through
 * {@code POST /api/v1/onboard} since, so that such a worker is routed to (when the memory trusts it) without a
 * restart. A joined worker is kept in this process only: after a restart the service serves the pool it is started
 * with, as before. Workers onboarded by another process are not joined: the memory names them but not how to call
 * them (their card and endpoint are not stored).
 */
public final class ServedPool {

    private final Function<AgentId, Worker> base;
    private final Map<AgentId, Worker> joined = new ConcurrentHashMap<>();
    private volatile Pool pool;

    /** @param base how to call a worker of the starting pool */
    public ServedPool(Pool pool, Function<AgentId, Worker> base) {
        this.pool = pool;
        this.base = base;
    }

    /** The pool now: the starting pool and the workers joined since, in the order they joined. */
    public Pool current() {
        return pool;
    }

    /** How many workers have joined since the start; grows by one per {@link #join}. */
    public int joinedCount() {
        return joined.size();
    }

    /**
     * Adds a worker the service onboarded: from now on the router may send it steps, and requests routed to it call
     * {@code worker}.
     *
     * @throws InvalidInputException if a worker of that id is already in the pool
     */
    public synchronized void join(AgentCard card, Worker worker) {
        if (pool.contains(card.id())) {
            throw new InvalidInputException(
                    "served pool", "worker", "'" + card.id() + "'", "a worker not already in the pool " + pool.ids());
        }
        joined.put(card.id(), worker);
        pool = pool.plus(List.of(card));
    }

    /** The worker of that id: a joined one, else one of the starting pool. */
    public Worker worker(AgentId id) {
        Worker worker = joined.get(id);
        return worker != null ? worker : base.apply(id);
    }
}
