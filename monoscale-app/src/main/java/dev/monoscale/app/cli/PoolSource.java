package dev.monoscale.app.cli;

import dev.monoscale.a2a.A2aClientConfig;
import dev.monoscale.app.live.LiveCommands;
import dev.monoscale.app.live.LiveWorld;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Worker;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.sim.SimWorld;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The pool a command routes over, and where its workers are called: a simulated world's stage, the A2A agents named
 * on the command line, or a live config. {@link PoolOptions} is the one place that chooses; {@code serve} and
 * {@code route} switch over the result.
 */
sealed interface PoolSource extends AutoCloseable permits PoolSource.Simulated, PoolSource.Agents, PoolSource.Live {

    /** The workers routed over. */
    Pool pool();

    /**
     * Version 0 over this source: what routes when there is no {@code --db}, and what an empty store starts from.
     * Only the workers that need no onboarding are validated: a world's first stage, every named agent, every
     * configured worker.
     */
    RoutingMemory initial();

    /** The client settings for A2A agents (with {@code --token-env}'s token when given). */
    A2aClientConfig client();

    /** What the pool is, for a line of output, such as "stage 2 of paper-noisy". */
    String describe();

    @Override
    default void close() {}

    /** A simulated world's pool at one stage; its workers are played by the world. */
    record Simulated(SimWorld world, int stage, A2aClientConfig client) implements PoolSource {
        @Override
        public Pool pool() {
            return world.stages().get(stage).pool();
        }

        @Override
        public RoutingMemory initial() {
            return RoutingMemory.initial(world.stages().getFirst().pool().ids(), Instant.EPOCH);
        }

        @Override
        public String describe() {
            return "stage %d of %s".formatted(stage, world.name());
        }
    }

    /** The A2A agents named with {@code --agent}, each called over A2A. */
    record Agents(Pool pool, Map<AgentId, Worker> workers, A2aClientConfig client) implements PoolSource {
        public Agents {
            workers = Map.copyOf(workers);
        }

        @Override
        public RoutingMemory initial() {
            return RoutingMemory.initial(pool.ids(), Instant.EPOCH);
        }

        @Override
        public String describe() {
            return pool.size() + " A2A agents";
        }

        /** The named agent's worker; only the pool's agents are ever asked for. */
        Worker worker(AgentId id) {
            return Objects.requireNonNull(workers.get(id), () -> "no A2A agent '" + id + "' was named with --agent");
        }
    }

    /** A live config's workers, routed by its router model (or the embedded router when it names none). */
    record Live(LiveWorld world, A2aClientConfig client) implements PoolSource {
        @Override
        public Pool pool() {
            return world.pool();
        }

        @Override
        public RoutingMemory initial() {
            return LiveCommands.everyWorkerValidated(world);
        }

        @Override
        public String describe() {
            return "the live config's " + world.pool().size() + " workers";
        }

        @Override
        public void close() {
            world.close();
        }
    }
}
