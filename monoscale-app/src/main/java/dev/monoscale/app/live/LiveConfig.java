package dev.monoscale.app.live;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.Pool;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A live multi-agent system as one config file describes it: the router's model, the judge's model (the router's
 * when absent), and the workers. Without a router model the system is model-free: the embedded router, warm-up
 * tasks from the cards' examples, and a checker that tells answered tasks from failed ones.
 *
 * @param source the file it was read from, for messages
 */
public record LiveConfig(Path source, EndpointSpec.@Nullable OpenAi router, EndpointSpec.@Nullable OpenAi judge, List<WorkerSpec> workers) {

    /** One worker: its card, where to call it, and (for model endpoints) its system prompt. */
    public record WorkerSpec(AgentCard card, EndpointSpec endpoint, String systemPrompt) {}

    public LiveConfig {
        workers = List.copyOf(workers);
    }

    public Pool pool() {
        return Pool.of(workers.stream().map(WorkerSpec::card).toList());
    }
}
