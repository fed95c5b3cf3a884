package dev.monoscale.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Plan;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Skill;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.distillation.EvidenceDistiller;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.gate.GateConfig;
import dev.monoscale.gate.GatePolicy;
import dev.monoscale.memory.InMemoryMemoryStore;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.onboarding.OnboardingRound;
import dev.monoscale.onboarding.PoolKind;
import dev.monoscale.onboarding.RoundConfig;
import dev.monoscale.onboarding.RoundReport;
import dev.monoscale.resilience.ResilienceConfig;
import dev.monoscale.resilience.ResilientWorkers;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.synthesis.AnsweredChecker;
import dev.monoscale.synthesis.CardExampleCatalogue;
import dev.monoscale.synthesis.CardWarmupSynthesizer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Onboarding an MCP server like any other worker: a stdio server (the SDK's server side, in a child JVM) whose one
 * tool fails on purpose for German goes through a real {@link OnboardingRound} with the model-free synthesizer (its
 * card's examples come from the tool's input schema) and {@link AnsweredChecker}. Without memory its card wins
 * German translation; the memory the round appends routes those steps to the incumbent.
 */
class McpOnboardingEndToEndTest {

    private static McpConnection server;

    @BeforeAll
    static void start() {
        server = McpConnection.open(
                new McpServerSpec.Stdio(FlakyTranslatorServer.command(), Map.of()), McpSettings.defaults());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Task task(String text) {
        return new Task(TaskId.of("probe"), text, List.of(new Subtask(0, text, List.of())));
    }

    @Test
    void theRoundsMemoryRoutesGermanAwayFromTheToolThatFailsForIt() {
        AgentCard incumbent = new AgentCard(
                AgentId.of("translator"),
                "Translator",
                "Translates text between languages",
                List.of(new Skill(
                        "translate",
                        "Translate text",
                        "Translates text between languages",
                        List.of("translation", "language"),
                        List.of("Translate 'good morning' into French", "Translate this letter into German"))),
                List.of("text/plain"),
                List.of("text/plain"),
                List.of(),
                "");
        AgentCard mcp = McpCards.card(server);
        Map<AgentId, Worker> workers = Map.of(
                incumbent.id(),
                Worker.of(
                        incumbent.id(),
                        call -> new WorkerReply.Answered(
                                "translated: " + call.text(), "text/plain", Duration.ofMillis(5), 0)),
                mcp.id(),
                McpWorker.modelFree(mcp.id(), server));
        Pool before = Pool.of(List.of(incumbent));
        Pool after = before.plus(List.of(mcp));
        InMemoryMemoryStore store = new InMemoryMemoryStore();
        Function<AgentId, Worker> resilient = new ResilientWorkers(
                        new ResilienceConfig(Duration.ofSeconds(10), 1, Duration.ZERO, 50, 20, Duration.ofSeconds(30)))
                .wrap(workers::get);
        var parts = new OnboardingRound.Parts(
                new CardWarmupSynthesizer(new CardExampleCatalogue()),
                resilient,
                new AnsweredChecker(),
                new EvidenceDistiller(),
                MemoryRouter.routing(EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults()),
                store,
                InstantSource.system());
        Task german = task("Translate this contract into German");
        Plan withoutMemory = MemoryRouter.of(
                        after,
                        RoutingMemory.initial(
                                after.ids(), InstantSource.system().instant()),
                        EmbeddedRouterConfig.defaults(),
                        MemoryRouterConfig.defaults())
                .route(german);

        RoundReport report = new OnboardingRound(
                        parts,
                        new RoundConfig(8, 4, new GateConfig(2.5, 0.05, 500), 7),
                        GatePolicy.GATED,
                        PoolKind.SPECIALISTS)
                .run(before, List.of(mcp), WarmupExecutor.Progress.NONE);

        RoutingMemory head = store.head().orElseThrow();
        Plan withMemory = MemoryRouter.of(after, head, EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults())
                .route(german);
        assertThat(mcp.id()).isEqualTo(AgentId.of("fast-translator"));
        assertThat(mcp.version()).isEqualTo("1.4.2");
        assertThat(withoutMemory.workers())
                .as("with every worker trusted and no memory, the card alone gives the MCP server the work")
                .containsExactly(mcp.id());
        assertThat(report.warmupTasks()).isPositive();
        assertThat(withMemory.workers()).containsExactly(incumbent.id());
    }
}
