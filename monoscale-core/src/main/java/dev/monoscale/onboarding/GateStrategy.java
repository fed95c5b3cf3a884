package dev.monoscale.onboarding;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.PolicyRouter;
import dev.monoscale.core.Trace;
import dev.monoscale.distillation.CandidateMemory;
import dev.monoscale.evidence.EvidenceTable;
import dev.monoscale.execution.PlannedRun;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.execution.WarmupRun;
import dev.monoscale.gate.GatePolicy;
import dev.monoscale.gate.GateRule;
import dev.monoscale.gate.TrustRegionGate;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.synthesis.WarmupTask;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How an onboarding round gathers its warm-up evidence and decides on the memory update: the strategy picks the
 * behaviour policy at the probed step, cuts the new workers' tasks into batches (looks) and, if it tests on
 * held-out tasks, into halves, has the round run each batch, and decides after each look whether to stop and
 * what to keep. The {@link OnboardingRound} around it synthesizes the tasks, runs the batches through its executor,
 * appends the version the decision makes, and reports.
 *
 * <p>{@link #of} is the one place a round's settings choose a strategy: {@link GateRule#HOLDOUT} under
 * {@link GatePolicy#GATED} warms up in looks with a held-out test ({@code HoldoutStrategy}), {@link GateRule#CONFIRM}
 * chooses on half the tasks and confirms the choice's plans on the other half ({@code ConfirmStrategy}); the legacy rule and the
 * ungated ablation run the whole budget at once ({@code WholeBudgetStrategy}). A new rule is a new implementation
 * and a line in {@link #of}; a caller may also hand its own to {@link OnboardingRound}.
 */
public interface GateStrategy {

    /**
     * How the warm-up picks the worker at each run's probed step.
     *
     * @return the behaviour the round's executor uses for every batch
     */
    WarmupExecutor.Behaviour behaviour();

    /**
     * Runs the warm-up through {@code round}, in whatever batches the strategy wants, and decides.
     *
     * @param round the round's tasks, its lift, and the means to run, distil and score
     * @return the decision the round's new version records
     */
    Decision decide(Round round);

    /**
     * What a strategy decided.
     *
     * @param record the gate record the new version keeps
     * @param accepted the candidate whose entries the new version adds; empty keeps the conservative lift
     * @param candidates every candidate the last look distilled, for the report
     */
    record Decision(GateRecord record, Optional<CandidateMemory> accepted, List<CandidateMemory> candidates) {
        public Decision {
            candidates = List.copyOf(candidates);
        }
    }

    /** What a round offers its strategy while the strategy runs it. */
    interface Round {

        /**
         * Each new worker's synthesized warm-up tasks, in the order of the newcomers and of synthesis.
         *
         * @return the tasks by new worker
         */
        Map<AgentId, List<WarmupTask>> planned();

        /**
         * The synthesizer's tasks from one worker's card with a budget of {@code count}, for a strategy that looks for
         * more tasks than were planned: a new worker's (a deterministic synthesizer gives its planned tasks first), or
         * an incumbent's, as the traffic the pool already serves. They are synthesized afresh, and none of them runs
         * unless the strategy runs it.
         *
         * @param worker a worker of the pool this round onboards into, new or not
         * @param count the synthesizer's budget, at least 1
         * @return the tasks, at most {@code count}
         * @throws IllegalArgumentException if {@code worker} is not in that pool
         */
        List<WarmupTask> synthesize(AgentId worker, int count);

        /**
         * Every worker of the pool this round onboards into, the new ones among them, in the pool's order.
         *
         * @return their ids
         */
        List<AgentId> workers();

        /**
         * The new workers, in the order the round was given them.
         *
         * @return their ids
         */
        List<AgentId> newcomers();

        /**
         * The seed of this round's random choices, drawn from the config's seed and the version the round makes.
         *
         * @return the seed
         */
        long seed();

        /**
         * The conservative lift: the head's routing on the grown pool.
         *
         * @return the router
         */
        PolicyRouter lift();

        /**
         * Runs {@code tasks} through the round's executor, the config's samples each, and keeps the runs as the
         * round's evidence. Each task counts once towards the report of the new worker its intent names.
         *
         * @param tasks the batch
         * @param targets the workers the {@link WarmupExecutor.Behaviour#TARGETED} design also runs
         * @return this batch's runs, in (task, sample) order
         */
        List<WarmupRun> run(List<WarmupTask> tasks, WarmupExecutor.Targets targets);

        /**
         * Every run of the round so far, in the order the batches ran.
         *
         * @return the runs
         */
        List<WarmupRun> runs();

        /**
         * Runs whole plans as deployment would, each step by the worker the plan names, for a strategy that compares
         * plans on a task. The runs count as the round's calls, and each of {@code tasks} once towards the report of
         * the new worker its intent names, but they are not warm-up evidence: {@link #runs()} leaves them out.
         *
         * @param key what identifies this batch among the round's batches (for a durable engine)
         * @param plans the runs
         * @param tasks the tasks the runs are of, each once
         * @return the traces, in the order of {@code plans}
         */
        List<Trace> runPlans(String key, List<PlannedRun> plans, List<WarmupTask> tasks);

        /**
         * The router a candidate's memory makes on the head, over the grown pool: what deployment would route with
         * if the candidate were accepted.
         *
         * @param candidate the candidate
         * @return its router
         */
        PolicyRouter router(CandidateMemory candidate);

        /**
         * The candidate memories the round's distiller proposes from {@code evidence}.
         *
         * @param evidence the runs to distil
         * @return the candidates, in the distiller's order
         */
        List<CandidateMemory> distill(EvidenceTable evidence);

        /**
         * The candidates as a gate scores them: the router each would make on the head, leave-one-out for examples.
         *
         * @param candidates the candidates
         * @return one scored candidate each, in order
         */
        List<TrustRegionGate.Candidate> scored(List<CandidateMemory> candidates);
    }

    /**
     * The strategy a round's settings call for.
     *
     * @param config the round's settings; its gate settings go to the strategy
     * @param policy whether the update must pass the gate ({@link GatePolicy#UNGATED} is the benchmarks' ablation)
     * @param kind what kind of workers the pool holds: generalists are always paired on a task
     * @return when gated, the holdout strategy for {@link GateRule#HOLDOUT} and the confirm strategy for
     *     {@link GateRule#CONFIRM}; the whole-budget one otherwise
     */
    static GateStrategy of(RoundConfig config, GatePolicy policy, PoolKind kind) {
        boolean gated = policy == GatePolicy.GATED;
        if (gated && config.gate().rule() == GateRule.HOLDOUT) {
            return new HoldoutStrategy(config.gate(), kind);
        }
        if (gated && config.gate().rule() == GateRule.CONFIRM) {
            return new ConfirmStrategy(
                    config.gate(), config.warmupTasks(), config.gate().runsPerPlan(config.samples()), kind);
        }
        return new WholeBudgetStrategy(config.gate(), gated, kind);
    }
}
