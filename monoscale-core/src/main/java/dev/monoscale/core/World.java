package dev.monoscale.core;

import java.util.List;

/**
 * Where tasks come from and how workers behave: the simulated world, a replay of recorded outcomes, or
 * real workers. A world instance is bound to one seed: the same seed gives the same tasks and outcomes.
 */
public interface World {

    /**
     * The world's name, such as {@code paper-noisy}.
     *
     * @return the name
     */
    String name();

    /**
     * The seed this instance is bound to.
     *
     * @return the seed
     */
    long seed();

    /** The stage schedule; stage 0 is the initial pool. */
    List<Stage> stages();

    /** Held-out evaluation tasks, the same whatever the stage, so stages are compared on one task set. */
    List<Task> evaluationTasks(int count);

    /**
     * The worker {@code id} as this world plays it.
     *
     * @param id a worker of some stage's pool
     * @return the worker
     */
    Worker worker(AgentId id);

    /**
     * How this world judges a task's answer.
     *
     * @return the checker
     */
    Checker checker();

    /**
     * A router that knows the hidden truth for this pool: the ceiling that no method can beat on the same
     * tasks. Worlds that cannot know the truth throw {@link UnsupportedOperationException}.
     */
    Router oracle(Pool pool);
}
