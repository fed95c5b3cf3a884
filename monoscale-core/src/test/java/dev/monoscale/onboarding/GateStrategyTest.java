package dev.monoscale.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Policy;
import dev.monoscale.core.PolicyRouter;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.distillation.CandidateMemory;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.execution.WarmupRun;
import dev.monoscale.gate.GateConfig;
import dev.monoscale.gate.GatePolicy;
import dev.monoscale.gate.GateRule;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.InMemoryMemoryStore;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.synthesis.AnsweredChecker;
import dev.monoscale.synthesis.WarmupTask;
import dev.monoscale.testkit.FixedRouter;
import dev.monoscale.testkit.MemoryFixtures;
import dev.monoscale.testkit.Questions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A round gathers its evidence and decides through its gate strategy, which its settings choose in one place. */
class GateStrategyTest {

    private static final AgentId OLD = AgentId.of("old");
    private static final AgentId NEW = AgentId.of("new");
    private static final RoundConfig CONFIG = new RoundConfig(6, 4, GateConfig.defaults(), 7);

    private final InMemoryMemoryStore store = new InMemoryMemoryStore();

    @Test
    void a_strategy_that_always_keeps_the_lift_makes_the_round_append_a_fallback_version_that_says_so() {
        GateStrategy keepTheLift = new Recording(WarmupExecutor.Behaviour.REPEATED, round -> {
            round.run(round.planned().values().stream().flatMap(List::stream).toList(), WarmupExecutor.Targets.NONE);
            return Optional.empty();
        });

        RoundReport report = round(keepTheLift).run(before(), List.of(card(NEW)), WarmupExecutor.Progress.NONE);

        RoutingMemory head = store.head().orElseThrow();
        assertThat(head.version()).isEqualTo(report.version());
        assertThat(head.gate().outcome()).isEqualTo(GateRecord.Outcome.FALLBACK);
        assertThat(head.gate().reason()).isEqualTo("the test's strategy keeps the lift");
        assertThat(head.entries()).isEmpty();
        assertThat(report.added()).isEmpty();
        assertThat(report.warmupTasks()).isEqualTo(6);
        assertThat(report.warmupCalls()).isEqualTo(6 * 4);
    }

    @Test
    void the_candidate_a_strategy_accepts_is_what_the_new_version_adds() {
        MemoryEntry prefer = MemoryFixtures.prefer("m1-prefer", "questions", NEW.value(), 3, 4);
        GateStrategy acceptOne = new Recording(WarmupExecutor.Behaviour.REPEATED, round -> {
            round.run(round.planned().get(NEW), WarmupExecutor.Targets.NONE);
            return Optional.of(new CandidateMemory("prefer the new worker", List.of(prefer)));
        });

        RoundReport report = round(acceptOne).run(before(), List.of(card(NEW)), WarmupExecutor.Progress.NONE);

        assertThat(store.head().orElseThrow().entries()).containsExactly(prefer);
        assertThat(report.added()).containsExactly(prefer);
    }

    @Test
    void the_round_reports_and_counts_only_the_batches_its_strategy_ran() {
        List<Integer> progress = new ArrayList<>();
        Recording firstHalf = new Recording(WarmupExecutor.Behaviour.REPEATED, round -> {
            List<WarmupTask> planned = round.planned().get(NEW);
            round.run(planned.subList(0, 2), WarmupExecutor.Targets.NONE);
            round.run(planned.subList(2, 3), WarmupExecutor.Targets.NONE);
            return Optional.empty();
        });

        RoundReport report = round(firstHalf).run(before(), List.of(card(NEW)), (done, total) -> progress.add(total));

        assertThat(report.warmupTasks()).isEqualTo(3);
        assertThat(report.workers())
                .singleElement()
                .satisfies(worker -> assertThat(worker.warmupTasks()).isEqualTo(3));
        assertThat(firstHalf.runs).hasSize(3 * 4);
        // progress counts towards the whole planned budget, whatever part of it the strategy spends
        assertThat(progress).hasSize(3 * 4).containsOnly(6 * 4);
    }

    @Test
    void a_strategy_may_ask_the_synthesizer_for_more_of_a_new_workers_tasks_and_only_what_it_runs_counts() {
        List<List<WarmupTask>> more = new ArrayList<>();
        Recording askForMore = new Recording(WarmupExecutor.Behaviour.REPEATED, round -> {
            more.add(round.synthesize(NEW, 4 * CONFIG.warmupTasks()));
            round.run(more.getFirst().subList(20, 22), WarmupExecutor.Targets.NONE);
            return Optional.empty();
        });

        RoundReport report = round(askForMore).run(before(), List.of(card(NEW)), WarmupExecutor.Progress.NONE);

        assertThat(more.getFirst())
                .hasSize(24)
                .startsWith(Questions.of(card(NEW), CONFIG.warmupTasks()).toArray(WarmupTask[]::new));
        assertThat(report.warmupTasks()).isEqualTo(2);
    }

    @Test
    void a_strategy_may_ask_for_an_incumbents_tasks_as_the_traffic_the_pool_already_serves() {
        List<List<WarmupTask>> asked = new ArrayList<>();
        List<List<AgentId>> workers = new ArrayList<>();
        Recording askForOld = new Recording(WarmupExecutor.Behaviour.REPEATED, round -> {
            workers.add(round.workers());
            asked.add(round.synthesize(OLD, 3));
            return Optional.empty();
        });

        RoundReport report = round(askForOld).run(before(), List.of(card(NEW)), WarmupExecutor.Progress.NONE);

        assertThat(workers.getFirst()).containsExactly(OLD, NEW);
        assertThat(asked.getFirst())
                .extracting(task -> task.task().text())
                .containsExactly("question old-t0", "question old-t1", "question old-t2");
        assertThat(report.warmupTasks()).as("asked for, never run").isZero();
    }

    @Test
    void a_strategy_cannot_ask_for_tasks_of_a_worker_outside_the_pool() {
        Recording askForStranger = new Recording(WarmupExecutor.Behaviour.REPEATED, round -> {
            round.synthesize(AgentId.of("stranger"), 1);
            return Optional.empty();
        });

        assertThatThrownBy(() -> round(askForStranger).run(before(), List.of(card(NEW)), WarmupExecutor.Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'stranger' is not a worker of this round's pool; its workers: [old, new]");
        assertThat(store.history()).as("only the initial version, no round's").hasSize(1);
    }

    @Test
    void the_holdout_rule_under_the_gate_warms_up_in_looks_with_the_targeted_design() {
        GateStrategy strategy = GateStrategy.of(with(GateRule.HOLDOUT), GatePolicy.GATED, PoolKind.SPECIALISTS);

        assertThat(strategy).isInstanceOf(HoldoutStrategy.class);
        assertThat(strategy.behaviour()).isEqualTo(WarmupExecutor.Behaviour.TARGETED);
    }

    @Test
    void the_confirm_rule_under_the_gate_warms_up_as_the_legacy_rule_and_confirms_on_the_other_half() {
        GateStrategy strategy = GateStrategy.of(with(GateRule.CONFIRM), GatePolicy.GATED, PoolKind.SPECIALISTS);

        assertThat(strategy).isInstanceOf(ConfirmStrategy.class);
        assertThat(strategy.behaviour()).isEqualTo(WarmupExecutor.Behaviour.REPEATED);
        assertThat(GateStrategy.of(with(GateRule.CONFIRM), GatePolicy.UNGATED, PoolKind.SPECIALISTS))
                .isInstanceOf(WholeBudgetStrategy.class);
    }

    @Test
    void the_legacy_rule_and_the_ungated_ablation_run_the_whole_budget_at_once() {
        assertThat(GateStrategy.of(with(GateRule.LEGACY), GatePolicy.GATED, PoolKind.SPECIALISTS))
                .isInstanceOf(WholeBudgetStrategy.class)
                .extracting(GateStrategy::behaviour)
                .isEqualTo(WarmupExecutor.Behaviour.REPEATED);
        assertThat(GateStrategy.of(with(GateRule.LEGACY), GatePolicy.UNGATED, PoolKind.SPECIALISTS))
                .isInstanceOf(WholeBudgetStrategy.class);
        assertThat(GateStrategy.of(with(GateRule.HOLDOUT), GatePolicy.UNGATED, PoolKind.SPECIALISTS))
                .isInstanceOf(WholeBudgetStrategy.class);
    }

    @Test
    void generalists_are_paired_on_each_task_whatever_the_rule() {
        for (GateRule rule : GateRule.values()) {
            assertThat(GateStrategy.of(with(rule), GatePolicy.GATED, PoolKind.GENERALISTS)
                            .behaviour())
                    .isEqualTo(WarmupExecutor.Behaviour.PAIRED);
        }
    }

    @Test
    void the_confirm_rule_runs_each_plan_at_a_confirmation_task_as_often_as_a_warm_up_task_runs() {
        OnboardingRound.Parts parts = plansDifferEverywhere();
        GateStrategy confirm = GateStrategy.of(with(GateRule.CONFIRM), GatePolicy.GATED, PoolKind.SPECIALISTS);

        RoundReport report = new OnboardingRound(parts, with(GateRule.CONFIRM), confirm)
                .run(before(), List.of(card(NEW)), WarmupExecutor.Progress.NONE);

        assertThat(report.gate().test())
                .as("the candidate reached the confirmation")
                .isPresent();
        assertThat(report.gate().test().orElseThrow().tasks()).isEqualTo(3);
        assertThat(report.warmupCalls())
                .as("3 selection tasks of 4 runs, then 3 confirmation tasks of 2 plans, each plan 4 runs")
                .isEqualTo(3 * 4 + 3 * 2 * 4);
    }

    @Test
    void the_confirm_rule_runs_each_plan_as_often_as_its_settings_say_when_they_say() {
        OnboardingRound.Parts parts = plansDifferEverywhere();
        RoundConfig once = new RoundConfig(
                CONFIG.warmupTasks(),
                CONFIG.samples(),
                CONFIG.gate().withRule(GateRule.CONFIRM).withConfirmSamples(1),
                CONFIG.seed());

        RoundReport report = new OnboardingRound(parts, once, GatePolicy.GATED, PoolKind.SPECIALISTS)
                .run(before(), List.of(card(NEW)), WarmupExecutor.Progress.NONE);

        assertThat(report.warmupCalls())
                .as("3 selection tasks of 4 runs, then 3 confirmation tasks of 2 plans, each plan once")
                .isEqualTo(3 * 4 + 3 * 2);
    }

    /** A strategy whose warm-up is {@code warmUp}, deciding to accept what it returns and recording the runs. */
    private static final class Recording implements GateStrategy {

        private final WarmupExecutor.Behaviour behaviour;
        private final Function<Round, Optional<CandidateMemory>> warmUp;
        private List<WarmupRun> runs = List.of();

        Recording(WarmupExecutor.Behaviour behaviour, Function<Round, Optional<CandidateMemory>> warmUp) {
            this.behaviour = behaviour;
            this.warmUp = warmUp;
        }

        @Override
        public WarmupExecutor.Behaviour behaviour() {
            return behaviour;
        }

        @Override
        public Decision decide(Round round) {
            Optional<CandidateMemory> accepted = warmUp.apply(round);
            runs = round.runs();
            GateRecord record = new GateRecord(
                    accepted.isPresent() ? GateRecord.Outcome.ACCEPTED : GateRecord.Outcome.FALLBACK,
                    accepted.isPresent() ? "the test's strategy accepts" : "the test's strategy keeps the lift",
                    round.newcomers(),
                    0,
                    0,
                    0,
                    List.of(),
                    accepted.map(CandidateMemory::name));
            return new Decision(record, accepted, accepted.map(List::of).orElse(List.of()));
        }
    }

    private OnboardingRound round(GateStrategy strategy) {
        OnboardingRound.Parts parts = new OnboardingRound.Parts(
                Questions.SYNTHESIZER,
                GateStrategyTest::answering,
                new AnsweredChecker(),
                (evidence, newcomers, lift, version) -> List.of(),
                (pool, memory) -> FixedRouter.of(pool.ids(), Policy.uniform(pool.ids())),
                store,
                InstantSource.fixed(MemoryFixtures.T0));
        return new OnboardingRound(parts, CONFIG, strategy);
    }

    private static RoundConfig with(GateRule rule) {
        return new RoundConfig(
                CONFIG.warmupTasks(), CONFIG.samples(), CONFIG.gate().withRule(rule), CONFIG.seed());
    }

    private static Pool before() {
        return Pool.of(List.of(card(OLD)));
    }

    private static AgentCard card(AgentId id) {
        return new AgentCard(id, id.value(), "a worker", List.of(), List.of(), List.of(), List.of(), "1");
    }

    /**
     * The new worker answers and the incumbent answers blank; the one candidate validates the new worker, so that its
     * router sends every task to it where the lift sends it to the incumbent: the plans differ at every task.
     */
    private OnboardingRound.Parts plansDifferEverywhere() {
        return new OnboardingRound.Parts(
                Questions.SYNTHESIZER,
                id -> id.equals(NEW) ? answering(id) : blank(id),
                new AnsweredChecker(),
                (evidence, newcomers, lift, version) -> List.of(CandidateMemory.cards(List.of(), newcomers)),
                GateStrategyTest::validatedFirst,
                store,
                InstantSource.fixed(MemoryFixtures.T0));
    }

    /** Routes to the new worker, mostly, once the memory validates it, and to the incumbent, mostly, before. */
    private static PolicyRouter validatedFirst(Pool pool, RoutingMemory memory) {
        return FixedRouter.of(
                pool.ids(),
                Policy.of(
                        pool.ids(),
                        memory.validated().contains(NEW) ? new double[] {0.3, 0.7} : new double[] {0.7, 0.3}));
    }

    private static Worker blank(AgentId id) {
        return Worker.of(id, call -> new WorkerReply.Answered("", "text", Duration.ZERO, 0));
    }

    private static Worker answering(AgentId id) {
        return Worker.of(id, call -> new WorkerReply.Answered(call.text(), "text", Duration.ZERO, 0));
    }
}
