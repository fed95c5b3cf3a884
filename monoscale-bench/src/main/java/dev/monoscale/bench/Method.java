package dev.monoscale.bench;

import dev.monoscale.core.Router;
import dev.monoscale.core.Stage;
import dev.monoscale.core.World;
import java.util.Optional;

/**
 * A way of routing as the pool grows, compared by the expansion benchmark. A method is started once per world
 * (one seed) and then entered stage by stage, in order, so that it may carry state (memory) from one stage
 * to the next.
 */
public interface Method {

    /** The name used in tables and JSON, such as {@code naive}. */
    String name();

    Run start(World world);

    /** One method on one world. */
    interface Run {

        /** Prepares the method for {@code stage} (onboarding its new workers, if the method does that). */
        Entered enter(Stage stage);
    }

    /**
     * What a method did on entering a stage: the router to evaluate, and what its preparation cost.
     *
     * @param warmupTasks warm-up tasks run to prepare this stage
     * @param warmupCalls worker calls those tasks made
     * @param verdict the gate's verdict, for gated methods
     */
    record Entered(Router router, int warmupTasks, long warmupCalls, Optional<String> verdict) {

        public static Entered of(Router router) {
            return new Entered(router, 0, 0, Optional.empty());
        }
    }
}
