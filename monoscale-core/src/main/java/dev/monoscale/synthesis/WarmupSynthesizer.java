package dev.monoscale.synthesis;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.Pool;
import java.util.List;

/** Writes warm-up tasks for one new worker from its card and the pool's cards, never from hidden truth. */
public interface WarmupSynthesizer {

    /** At most {@code budget} validated warm-up tasks, in a deterministic order. */
    List<WarmupTask> synthesize(AgentCard newcomer, Pool pool, int budget);
}
