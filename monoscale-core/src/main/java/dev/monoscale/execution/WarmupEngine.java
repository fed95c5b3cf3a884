package dev.monoscale.execution;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Checker;
import dev.monoscale.core.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An engine that runs warm-up calls on worker processes elsewhere and keeps the completed ones durable, found
 * through {@link ServiceLoader} so that a process without it (the default CLI jar) does not carry its libraries.
 * monoscale-temporal provides {@code temporal}. A submitting process {@link #connect}s and runs a round with the
 * {@link Remote#execution} in its onboarding round; a worker process connects and
 * {@link Remote#serve}s its workers' calls.
 */
public interface WarmupEngine {

    /** The name a user selects the engine by ({@code --engine NAME}). */
    String name();

    /** A connection to the engine's server at {@code settings.target()}; fails in one line when it cannot connect. */
    Remote connect(Settings settings);

    /**
     * Where and how an engine runs the calls.
     *
     * @param target the server, {@code HOST:PORT}
     * @param namespace the engine's namespace
     * @param queue the queue the submitter and the worker processes share
     * @param callTimeout how long one call may take on a worker before it is given to another (a worker that died
     *     mid-call is noticed after this)
     * @param callsPerSecond a worker process's limit on calls started per second; 0 for none
     * @param round what tells this memory's rounds apart from other memories' on a shared server (the world, the
     *     seed, the store); part of every batch's identity
     */
    record Settings(
            String target, String namespace, String queue, Duration callTimeout, double callsPerSecond, String round) {

        public Settings {
            if (callTimeout.isNegative() || callTimeout.isZero()) {
                throw new IllegalArgumentException("call timeout must be positive, was " + callTimeout);
            }
            if (!(callsPerSecond >= 0) || Double.isInfinite(callsPerSecond)) {
                throw new IllegalArgumentException(
                        "calls per second must be 0 (no limit) or positive, was " + callsPerSecond);
            }
        }
    }

    /** A connection to the engine. */
    interface Remote extends AutoCloseable {

        /**
         * Runs a round's plans on the engine, judging the answers here with {@code checker}; each task goes with its
         * note from {@code tasks}; {@code notes} hears where each batch runs (so a user can find it in the engine's own
         * tools).
         */
        PlanExecution execution(Checker checker, TaskNotes tasks, Consumer<String> notes);

        /**
         * Starts serving calls with {@code workers} in this process and returns; {@code tasks} learns each call's task
         * note first; {@code log} hears one line per finished call. Serving stops when this connection is closed.
         */
        void serve(Function<AgentId, Worker> workers, TaskNotes tasks, Consumer<String> log);

        @Override
        void close();
    }

    /** The engines on the class path, by name. */
    static Optional<WarmupEngine> find(String name) {
        return ServiceLoader.load(WarmupEngine.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(engine -> engine.name().equals(name))
                .findFirst();
    }

    /** The names of the engines on the class path. */
    static List<String> names() {
        return ServiceLoader.load(WarmupEngine.class).stream()
                .map(ServiceLoader.Provider::get)
                .map(WarmupEngine::name)
                .toList();
    }
}
