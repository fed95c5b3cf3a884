package dev.monoscale.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.FailureKind;
import dev.monoscale.core.Plan;
import dev.monoscale.core.Pool;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Onboarding real A2A agents by URL: three agents on the official {@code @a2a-js/sdk} with different skills, one of
 * which fails every task on purpose, go through a real {@link OnboardingRound} with the model-free synthesizer
 * ({@link CardExampleCatalogue}) and {@link AnsweredChecker}; the memory it appends routes translation away from
 * the failing agent. A hanging agent costs the round its deadline, not more. Only the hanging agent has a short
 * deadline; the others get generous ones, so how fast the machine is never decides an outcome.
 */
class A2aOnboardingEndToEndIT {

    private static final String TRANSLATE = """
            [{"id": "translate", "name": "Translate text", "description": "Translates text between languages",
              "tags": ["translation", "language"], "examples": ["Translate 'good morning' into French", "Translate this letter into German"]}]""";
    private static final String TRANSLATE_BETTER = """
            [{"id": "translate", "name": "Translate text", "description": "Translates text, letters and documents into French, German or Spanish",
              "tags": ["translation", "language", "translate", "french", "german"],
              "examples": ["Translate 'good morning' into French", "Translate this letter into German", "Translate the menu into Spanish"]}]""";
    private static final String SUMMARISE = """
            [{"id": "summarise", "name": "Summarise documents", "description": "Writes a short summary of a report or an article",
              "tags": ["summary"], "examples": ["Summarise this quarterly report", "Give me the gist of this article"]}]""";

    private static NodePeer translator;
    private static NodePeer summariser;
    private static NodePeer failing;

    @BeforeAll
    static void startAgents() {
        translator = NodePeer.start("echo-agent.mjs", Map.of("AGENT_NAME", "Translator", "AGENT_SKILLS", TRANSLATE));
        summariser = NodePeer.start("echo-agent.mjs", Map.of("AGENT_NAME", "Summariser", "AGENT_SKILLS", SUMMARISE));
        failing = NodePeer.start(
                "echo-agent.mjs",
                Map.of("AGENT_NAME", "Fast Translator", "AGENT_SKILLS", TRANSLATE_BETTER, "BEHAVIOUR", "fail"));
    }

    @AfterAll
    static void stopAgents() {
        translator.close();
        summariser.close();
        failing.close();
    }

    private static final A2aClientConfig CLIENT = A2aClientConfig.defaults();
    private static final ResilienceConfig PATIENT =
            new ResilienceConfig(Duration.ofSeconds(60), 2, Duration.ofMillis(10), 50, 20, Duration.ofSeconds(30));

    private static Task task(String text) {
        return new Task(TaskId.of("probe"), text, List.of(new Subtask(0, text, List.of())));
    }

    @Test
    void theRoundsMemoryRoutesTranslationAwayFromTheAgentThatFails() {
        Map<AgentId, Worker> workers = new HashMap<>();
        AgentCard incumbent = connect(translator.url(), workers);
        List<AgentCard> newcomers = List.of(connect(summariser.url(), workers), connect(failing.url(), workers));
        Pool before = Pool.of(List.of(incumbent));
        Pool after = before.plus(newcomers);
        InMemoryMemoryStore store = new InMemoryMemoryStore();
        var routing = MemoryRouter.routing(EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());
        Function<AgentId, Worker> resilient = new ResilientWorkers(PATIENT).wrap(workers::get);
        var parts = new OnboardingRound.Parts(
                new CardWarmupSynthesizer(new CardExampleCatalogue()),
                resilient,
                new AnsweredChecker(),
                new EvidenceDistiller(),
                routing,
                store,
                InstantSource.system());
        Task translation = task("Translate this letter into German");
        Plan withoutMemory = MemoryRouter.of(
                        after,
                        RoutingMemory.initial(
                                after.ids(), InstantSource.system().instant()),
                        EmbeddedRouterConfig.defaults(),
                        MemoryRouterConfig.defaults())
                .route(translation);

        RoundReport report = new OnboardingRound(
                        parts,
                        new RoundConfig(8, 4, new GateConfig(2.5, 0.05, 500), 7),
                        GatePolicy.GATED,
                        PoolKind.SPECIALISTS)
                .run(before, newcomers, WarmupExecutor.Progress.NONE);

        RoutingMemory head = store.head().orElseThrow();
        Plan withMemory = MemoryRouter.of(after, head, EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults())
                .route(translation);
        AgentId failingId = AgentId.of("fast-translator");
        assertThat(withoutMemory.workers())
                .as("with every worker trusted and no memory entries, the cards alone give the failing agent the work")
                .containsExactly(failingId);
        assertThat(report.workers())
                .filteredOn(w -> w.worker().equals(failingId))
                .singleElement()
                .satisfies(w -> assertThat(w.patterns())
                        .allSatisfy(p -> assertThat(p.successes()).isZero()));
        assertThat(withMemory.workers()).containsExactly(AgentId.of("translator"));
        assertThat(failing.calls()).isNotEmpty();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a guard against a stall, far above what the round needs
    void aHangingAgentNeverStallsTheRoundPastItsDeadline() {
        try (NodePeer hanging = NodePeer.start(
                "echo-agent.mjs",
                Map.of("AGENT_NAME", "Sleepy Summariser", "AGENT_SKILLS", SUMMARISE, "BEHAVIOUR", "hang"))) {
            Map<AgentId, Worker> workers = new HashMap<>();
            A2aClientConfig quick =
                    A2aClientConfig.defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));
            AgentCard incumbent = connect(translator.url(), workers);
            A2aAgent agent = new A2aDiscovery(CLIENT).discover(hanging.url());
            workers.put(agent.card().id(), A2aWorkers.connect(agent, quick));
            ResilientWorkers quickOnes = new ResilientWorkers(
                    new ResilienceConfig(Duration.ofMillis(1500), 1, Duration.ZERO, 50, 4, Duration.ofSeconds(30)));
            ResilientWorkers patientOnes = new ResilientWorkers(PATIENT);
            List<WorkerReply> hangingReplies = new CopyOnWriteArrayList<>();
            Function<AgentId, Worker> resilient = id -> id.equals(agent.card().id())
                    ? recording(quickOnes.protect(workers.get(id)), hangingReplies)
                    : patientOnes.protect(workers.get(id));
            var parts = new OnboardingRound.Parts(
                    new CardWarmupSynthesizer(new CardExampleCatalogue()),
                    resilient,
                    new AnsweredChecker(),
                    new EvidenceDistiller(),
                    MemoryRouter.routing(EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults()),
                    new InMemoryMemoryStore(),
                    InstantSource.system());

            RoundReport report = new OnboardingRound(
                            parts,
                            new RoundConfig(4, 4, new GateConfig(2.5, 0.05, 200), 3),
                            GatePolicy.GATED,
                            PoolKind.SPECIALISTS)
                    .run(Pool.of(List.of(incumbent)), List.of(agent.card()), WarmupExecutor.Progress.NONE);

            assertThat(report.warmupTasks()).isPositive();
            assertThat(hangingReplies)
                    .as("every call ended at its deadline, or was refused once the breaker opened")
                    .isNotEmpty()
                    .allSatisfy(reply -> assertThat(reply)
                            .isInstanceOfSatisfying(
                                    WorkerReply.Failed.class,
                                    f -> assertThat(f.kind()).isIn(FailureKind.TIMEOUT, FailureKind.UNAVAILABLE)))
                    .anySatisfy(reply ->
                            assertThat(((WorkerReply.Failed) reply).kind()).isEqualTo(FailureKind.TIMEOUT));
            assertThat(report.added()).isEmpty();
        }
    }

    /** {@code worker}, keeping every reply it gives in {@code replies}. */
    private static Worker recording(Worker worker, List<WorkerReply> replies) {
        return Worker.of(worker.id(), call -> {
            WorkerReply reply = worker.call(call);
            replies.add(reply);
            return reply;
        });
    }

    private static AgentCard connect(String url, Map<AgentId, Worker> workers) {
        A2aAgent agent = new A2aDiscovery(CLIENT).discover(url);
        workers.put(agent.card().id(), A2aWorkers.connect(agent, CLIENT));
        return agent.card();
    }
}
