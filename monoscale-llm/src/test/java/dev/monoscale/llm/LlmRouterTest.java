package dev.monoscale.llm;

import static dev.monoscale.llm.Fixtures.AUDITOR;
import static dev.monoscale.llm.Fixtures.LEDGER;
import static dev.monoscale.llm.Fixtures.POOL;
import static dev.monoscale.llm.Fixtures.WRITER;
import static dev.monoscale.llm.ScriptedModel.logprobs;
import static dev.monoscale.llm.ScriptedModel.p;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.WorkerScore;
import dev.monoscale.llm.client.ChatModel;
import dev.monoscale.llm.client.ChatRequest;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlmRouterTest {

    final ScriptedModel model = new ScriptedModel();

    LlmRouter router(RoutingMemory memory) {
        LlmRouterConfig config = LlmRouterConfig.defaults("router-model");
        return LlmRouter.of(POOL, memory, model, estimator(model), config, lift(memory));
    }

    static LabelEstimator estimator(ChatModel model) {
        return new LabelEstimator(model, ServerDialect.OPENAI, LabelEstimator.Settings.defaults());
    }

    static MemoryRouter lift(RoutingMemory memory) {
        return MemoryRouter.of(POOL, memory, EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());
    }

    static String prompt(ChatRequest request) {
        return request.messages().get(1).content();
    }

    @Test
    void offersOnlyTheValidatedWorkersAndTakesPiFromTheirLabels() {
        model.then(r -> logprobs("A", p("A", 0.7, "B", 0.2, "C", 0.05)));

        LlmRouter.Decision decision = router(Fixtures.initial())
                .decide(
                        Fixtures.task("reconcile invoice 42"),
                        Fixtures.task("x").subtasks().getFirst(),
                        List.of());

        assertThat(decision.trace().labels())
                .containsExactly(java.util.Map.entry("A", LEDGER.id()), java.util.Map.entry("B", WRITER.id()));
        assertThat(decision.step().policy().probability(LEDGER.id())).isCloseTo(0.7 / 0.9, within(1e-9));
        assertThat(decision.step().policy().probability(WRITER.id())).isCloseTo(0.2 / 0.9, within(1e-9));
        assertThat(decision.step().policy().probability(AUDITOR.id())).isZero();
        assertThat(decision.step().worker()).isEqualTo(LEDGER.id());
        assertThat(decision.trace().prompt()).isEqualTo("routing/choose@1");
        assertThat(decision.trace().method()).isEqualTo(LabelEstimator.Method.LOGPROBS);
        assertThat(decision.step().scores())
                .extracting(WorkerScore::because)
                .containsExactly(
                        List.of("label A"),
                        List.of("label B"),
                        List.of("not validated and no entry prefers it: not offered"));
        assertThat(prompt(model.requests.getFirst()))
                .contains("A: ledger (ledger)", "B: writer (writer)", "Answer with exactly one of: A, B")
                .doesNotContain("auditor");
    }

    @Test
    void aNewWorkerIsOfferedWhereARetrievedEntryPrefersIt() {
        RoutingMemory memory = Fixtures.with(Fixtures.prefer("v1-p0-prefer-auditor", "audit invoices", AUDITOR.id()));
        model.then(r -> logprobs("C", p("C", 0.8, "A", 0.15, "B", 0.05)));
        Task task = Fixtures.task("audit invoices from march");

        LlmRouter.Decision decision =
                router(memory).decide(task, task.subtasks().getFirst(), List.of());

        assertThat(decision.trace().labels()).containsEntry("C", AUDITOR.id());
        assertThat(decision.step().worker()).isEqualTo(AUDITOR.id());
        assertThat(decision.step().policy().probability(AUDITOR.id())).isCloseTo(0.8, within(1e-9));
        assertThat(decision.trace().entries()).containsExactly("v1-p0-prefer-auditor");
        assertThat(decision.step().scores().get(2).because())
                .containsExactly("label C", "entry v1-p0-prefer-auditor prefers it");
        assertThat(prompt(model.requests.getFirst()))
                .contains("- [v1-p0-prefer-auditor] Send steps like 'audit invoices' to auditor.");
    }

    @Test
    void aGarbageAnswerIsAskedAgainOnceNamingTheLabels() {
        model.then(r -> logprobs("Sure", p("Sure", 0.9, "A", 0.05))).then(r -> logprobs("B", p("B", 0.6, "A", 0.4)));
        Task task = Fixtures.task("write to the customer");

        LlmRouter.Decision decision =
                router(Fixtures.initial()).decide(task, task.subtasks().getFirst(), List.of());

        assertThat(decision.trace().reasked()).isTrue();
        assertThat(decision.trace().fallback()).isFalse();
        assertThat(decision.step().worker()).isEqualTo(WRITER.id());
        ChatRequest again = model.requests.get(1);
        assertThat(again.messages()).hasSize(4);
        assertThat(again.messages().get(2).content()).isEqualTo("Sure");
        assertThat(again.messages().get(3).content())
                .isEqualTo("'Sure' is not one of the labels. Answer with exactly one of: A, B");
    }

    @Test
    void twoGarbageAnswersFallBackToTheConservativeLift() {
        model.then(r -> logprobs("Sure", p("Sure", 0.9, "A", 0.05))).then(r -> logprobs("I", p("I", 0.95, "B", 0.01)));
        Task task = Fixtures.task("reconcile invoice 42 against the ledger");
        RoutingMemory memory = Fixtures.initial();

        LlmRouter.Decision decision =
                router(memory).decide(task, task.subtasks().getFirst(), List.of());

        assertThat(decision.trace().fallback()).isTrue();
        assertThat(decision.step().policy())
                .isEqualTo(lift(memory).policy(task, task.subtasks().getFirst(), List.of()));
        assertThat(decision.trace().trail())
                .contains("the model answered no label twice: the conservative lift decides");
        assertThat(decision.step().scores().getFirst().because()).contains("fallback: the conservative lift decided");
    }

    @Test
    void decisionsAreCachedSoRouteAndPolicyAgree() {
        model.then(r -> logprobs("A", p("A", 0.7, "B", 0.3)));
        LlmRouter router = router(Fixtures.initial());
        Task task = Fixtures.task("reconcile invoice 42");

        var plan = router.route(task);
        var policy = router.policy(task, task.subtasks().getFirst(), List.of());

        assertThat(policy).isEqualTo(plan.steps().getFirst().policy());
        assertThat(model.requests).hasSize(1);
    }

    @Test
    void aServiceRoutesWithoutRememberingDecisions() {
        for (int i = 0; i < 3; i++) {
            model.then(r -> logprobs("A", p("A", 0.7, "B", 0.3)));
        }
        LlmRouter router = router(Fixtures.initial());
        Task task = Fixtures.task("reconcile invoice 42");

        var first = router.routeUncached(task);
        var second = router.routeUncached(task);
        router.policy(task, task.subtasks().getFirst(), List.of());

        assertThat(second.steps().getFirst().policy())
                .isEqualTo(first.steps().getFirst().policy());
        assertThat(model.requests)
                .as("every decision asked the model: none was kept")
                .hasSize(3);
    }

    @Test
    void decisionsOfDifferentTasksAreMadeConcurrentlyWhileEachIsAskedOnce() throws Exception {
        int tasks = 16;
        java.util.concurrent.CountDownLatch inFlight = new java.util.concurrent.CountDownLatch(tasks);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean serialised = new java.util.concurrent.atomic.AtomicBoolean();
        dev.monoscale.llm.client.ChatModel concurrent = new dev.monoscale.llm.client.ChatModel() {
            @Override
            public String describe() {
                return "concurrent";
            }

            @Override
            public dev.monoscale.llm.client.ChatCompletion complete(ChatRequest request) {
                calls.incrementAndGet();
                inFlight.countDown();
                try { // every task's call waits until all are in flight: a router that asks one at a time never gets
                    // there
                    if (!inFlight.await(
                            1,
                            java.util.concurrent.TimeUnit.MINUTES)) { // generous: only a serialising router misses it
                        serialised.set(true);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return logprobs("A", p("A", 0.7, "B", 0.3));
            }
        };
        LlmRouterConfig config = LlmRouterConfig.defaults("router-model");
        RoutingMemory memory = Fixtures.initial();
        LlmRouter router = LlmRouter.of(POOL, memory, concurrent, estimator(concurrent), config, lift(memory));

        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> pending = new java.util.ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                Task task = new Task(
                        TaskId.of("t" + i),
                        "reconcile invoice " + i,
                        Fixtures.task("reconcile invoice " + i).subtasks());
                for (int sample = 0; sample < 3; sample++) { // the samples of one task share its decision
                    pending.add(threads.submit(
                            () -> router.policy(task, task.subtasks().getFirst(), List.of())));
                }
            }
            for (var future : pending) {
                future.get(5, java.util.concurrent.TimeUnit.MINUTES);
            }
        }

        assertThat(serialised)
                .as("a model call waited for another task's decision")
                .isFalse();
        assertThat(calls).hasValue(tasks);
    }

    @Test
    void theMemoryInThePromptStaysWithinTheTokenBudget() {
        int budget = 60; // tokens of about four characters
        LlmRouterConfig defaults = LlmRouterConfig.defaults("router-model");
        LlmRouterConfig config = new LlmRouterConfig(
                defaults.model(),
                new MemoryRouterConfig(8, budget, 0.5, 3, 6, 0.2, 100),
                defaults.cardTokens(),
                defaults.seed());
        RoutingMemory memory = Fixtures.with(
                Fixtures.prefer("v1-a", "reconcile invoice", LEDGER.id()),
                Fixtures.prefer("v1-b", "invoice against the ledger", LEDGER.id()),
                Fixtures.prefer("v1-c", "reconcile against ledger", LEDGER.id()));
        model.then(r -> logprobs("A", p("A", 0.7, "B", 0.3)));
        Task task = Fixtures.task("reconcile invoice 42 against the ledger");

        LlmRouter.Decision decision = LlmRouter.of(POOL, memory, model, estimator(model), config, lift(memory))
                .decide(task, task.subtasks().getFirst(), List.of());

        String prompt = prompt(model.requests.getFirst());
        String rendered = prompt.substring(
                prompt.indexOf("follow them):\n") + "follow them):\n".length(), prompt.indexOf("\n\nAnswer with"));
        assertThat(rendered.length()).as("memory section: %s", rendered).isLessThanOrEqualTo(4 * budget);
        assertThat(decision.trace().entries())
                .isNotEmpty()
                .allSatisfy(id -> assertThat(rendered).contains("[" + id + "]"));
    }

    @Test
    void plansARequestIntoStepsAfterOneMalformedAnswer() {
        model.thenText("{\"steps\": [{\"text\": \"find the invoice\", \"inputs\": [")
                .thenText(
                        "```json\n{\"steps\":[{\"text\":\"find invoice 42\",\"inputs\":[]},{\"text\":\"write to the customer about it\",\"inputs\":[0]}]}\n```");

        LlmRouter.Planned planned =
                router(Fixtures.initial()).plan(TaskId.of("cli"), "tell the customer about invoice 42");

        assertThat(planned.task().subtasks())
                .extracting(s -> s.text())
                .containsExactly("find invoice 42", "write to the customer about it");
        assertThat(planned.task().subtasks().get(1).inputs()).containsExactly(0);
        assertThat(planned.prompt()).isEqualTo("routing/plan@1");
        assertThat(planned.notes()).hasSize(1);
        assertThat(model.requests.getFirst().schema()).isNotNull();
    }

    @Test
    void twoMalformedPlansMakeTheRequestOneStep() {
        model.thenText("no").thenText("{\"steps\":[{\"text\":\"a\",\"inputs\":[3]}]}");

        LlmRouter.Planned planned = router(Fixtures.initial()).plan(TaskId.of("cli"), "tell the customer");

        assertThat(planned.task().subtasks()).extracting(s -> s.text()).containsExactly("tell the customer");
        assertThat(planned.notes()).last().isEqualTo("the request is routed as one step");
    }

    @Test
    void composesSeveralOutputsButPassesOneThrough() {
        Task task = Fixtures.task("x");
        model.thenText("Invoice 42 is paid; the customer was told.");

        String one = router(Fixtures.initial())
                .compose(task, List.of(new dev.monoscale.core.StepOutput(0, LEDGER.id(), "paid", "text")));
        String two = router(Fixtures.initial())
                .compose(
                        task,
                        List.of(
                                new dev.monoscale.core.StepOutput(0, LEDGER.id(), "paid", "text"),
                                new dev.monoscale.core.StepOutput(1, WRITER.id(), "Dear customer…", "text")));

        assertThat(one).isEqualTo("paid");
        assertThat(two).isEqualTo("Invoice 42 is paid; the customer was told.");
        assertThat(prompt(model.requests.getFirst()))
                .contains("step 1 (ledger): paid", "step 2 (writer): Dear customer…");
    }
}
