package dev.monoscale.execution;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Checker;
import dev.monoscale.core.Plan;
import dev.monoscale.core.Policy;
import dev.monoscale.core.PolicyRouter;
import dev.monoscale.core.StepDecision;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.Trace;
import dev.monoscale.core.Worker;
import dev.monoscale.stats.Seeds;
import dev.monoscale.synthesis.WarmupTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs warm-up tasks, {@code samples} times each (DESIGN.md §4.2): decides every run's plan, then has a
 * {@link PlanExecution} make the calls, by default in parallel on virtual threads in this process.
 *
 * <p>The behaviour policy at the probed step mixes the conservative lift with forced use of the new worker and
 * some exploration: even samples force the new worker, samples 1, 5, 9, ... go to the lift's choice (the
 * incumbent), and samples 3, 7, ... to one of the other workers uniformly, so each task yields a paired comparison
 * of the new worker with the incumbent and, across tasks, with every old worker. With four samples
 * b(a) = ½·[a = new] + ¼·[a = incumbent] + ¼·uniform(a ∉ {new, incumbent}), and that is the policy recorded in
 * the trace. Every other step goes to the lift's most probable
 * worker, as in deployment. Runs come back in (task, sample) order whatever order they finish in; a worker's
 * fault is recorded in its trace, never thrown.
 */
public final class WarmupExecutor {

    /** Told after every finished run. */
    public interface Progress {
        /**
         * One more run finished.
         *
         * @param done runs finished so far
         * @param total runs the warm-up will make
         */
        void ran(int done, int total);

        Progress NONE = (done, total) -> {};
    }

    /** How the probed step of a warm-up run picks its worker. */
    public enum Behaviour {
        /**
         * For workers whose repeated runs differ (sampled models, flaky services): even samples force the new
         * worker, samples 1, 5, ... draw from the lift, samples 3, 7, ... explore the other workers uniformly.
         */
        REPEATED,
        /**
         * For pools of generalists, whose runs on the same task may be identical (a deterministic model, a
         * recorded outcome): every sample of a task goes to a different worker: the new one whose card led to the
         * task, then the lift's choice, then the round's other new workers, then the rest, each of the last two
         * groups in an order drawn from the seed, so the samples compare the new workers with the incumbent and
         * with each other on the same tasks instead of repeating one answer. A task gets at most one run per
         * worker, so a pool smaller than the sample count gets fewer runs.
         */
        PAIRED,
        /**
         * For the holdout gate with workers whose repeated runs differ: every sample of a task has a fixed slot, so
         * each worker a decision could deploy at the probed step is run on the task itself and compared there,
         * without importance weights. Sample 0 is the new worker, sample 1 the lift's choice, then the workers the
         * round's current candidates would deploy at that step ({@link Targets}), then the lift's runner-up and the
         * round's other new workers (in an order drawn from the seed and the task), one run each; once those are
         * placed, the remaining samples go to the new worker again. A candidate that moves a step to another
         * incumbent (an avoid entry) or to another new worker is thereby measured on the same task as the lift.
         */
        TARGETED
    }

    /**
     * The workers that a round's current candidate decisions would deploy at a warm-up task's probed step, most
     * wanted first: the {@link Behaviour#TARGETED} design runs them there. Called with the step's lift-chosen
     * input producers; must not depend on the outcomes of the runs it shapes.
     */
    @FunctionalInterface
    public interface Targets {
        /**
         * The workers to run at {@code step}, most wanted first.
         *
         * @param task the warm-up task
         * @param step its probed step
         * @param producers the workers the lift chose for the steps it reads
         * @return the workers; empty when there are none beyond the design's own
         */
        List<AgentId> at(Task task, Subtask step, List<AgentId> producers);

        Targets NONE = (task, step, producers) -> List.of();
    }

    private final PlanExecution execution;
    private final long seed;
    private final Behaviour design;

    /**
     * An executor that calls the workers in this process, with the {@link Behaviour#REPEATED} design.
     *
     * @param workers the workers, by id
     * @param checker judges each run
     * @param seed the seed of the behaviour policy's draws
     */
    public WarmupExecutor(Function<AgentId, Worker> workers, Checker checker, long seed) {
        this(workers, checker, seed, Behaviour.REPEATED);
    }

    /**
     * An executor that calls the workers in this process.
     *
     * @param workers the workers, by id
     * @param checker judges each run
     * @param seed the seed of the behaviour policy's draws
     * @param behaviour how the probed step picks its worker
     */
    public WarmupExecutor(Function<AgentId, Worker> workers, Checker checker, long seed, Behaviour behaviour) {
        this(PlanExecution.inProcess(workers, checker), seed, behaviour);
    }

    /** Runs the planned calls through {@code execution}: in this process, or on an engine such as Temporal. */
    public WarmupExecutor(PlanExecution execution, long seed, Behaviour behaviour) {
        this.execution = execution;
        this.seed = seed;
        this.design = behaviour;
    }

    /**
     * Runs every task {@code samples} times under the behaviour policy.
     *
     * @param tasks the warm-up tasks
     * @param lift the conservative lift: the head's routing on the grown pool
     * @param samples runs per task
     * @param progress told after every finished run
     * @return the runs, in (task, sample) order
     */
    public List<WarmupRun> run(List<WarmupTask> tasks, PolicyRouter lift, int samples, Progress progress) {
        return run(tasks, lift, samples, Targets.NONE, progress);
    }

    /** As {@link #run(List, PolicyRouter, int, Progress)}, with the workers {@link Behaviour#TARGETED} also runs. */
    public List<WarmupRun> run(
            List<WarmupTask> tasks, PolicyRouter lift, int samples, Targets targets, Progress progress) {
        int perTask = design == Behaviour.PAIRED ? Math.min(samples, lift.pool().size()) : samples;
        List<AgentId> newcomers =
                tasks.stream().map(task -> task.intent().newcomer()).distinct().toList();
        // every run's plan is decided before any call: the behaviour policy reads the lift and the seed, never a reply
        List<Planned> planned = new ArrayList<>(tasks.size() * perTask);
        for (WarmupTask task : tasks) {
            for (int sample = 0; sample < perTask; sample++) {
                planned.add(plan(task, sample, perTask, newcomers, lift, targets));
            }
        }
        List<Trace> traces = execution.run(
                "warmup-" + seed, planned.stream().map(Planned::run).toList(), progress);
        List<WarmupRun> runs = new ArrayList<>(planned.size());
        for (int i = 0; i < planned.size(); i++) {
            Planned p = planned.get(i);
            runs.add(new WarmupRun(
                    p.warmup(), p.run().sample(), p.forced(), p.probed(), p.behaviour(), p.producers(), traces.get(i)));
        }
        return runs;
    }

    /** A run's plan and what the behaviour policy decided at its probed step. */
    private record Planned(
            WarmupTask warmup,
            PlannedRun run,
            boolean forced,
            AgentId probed,
            double behaviour,
            List<AgentId> producers) {}

    private Planned plan(
            WarmupTask warmup, int sample, int samples, List<AgentId> newcomers, PolicyRouter lift, Targets targets) {
        Task task = warmup.task();
        AgentId newcomer = warmup.intent().newcomer();
        boolean forced = false;
        List<AgentId> chosen = new ArrayList<>();
        List<StepDecision> steps = new ArrayList<>();
        List<AgentId> probedProducers = List.of();
        double behaviour = 0;
        AgentId probed = newcomer;
        for (Subtask step : task.subtasks()) {
            List<AgentId> producers = step.inputs().stream().map(chosen::get).toList();
            Policy liftPolicy = lift.policy(task, step, producers);
            AgentId worker;
            Policy recorded;
            if (step.index() == warmup.probedStep()) {
                Policy mixed;
                if (design == Behaviour.PAIRED) {
                    List<List<AgentId>> groups = pairedGroups(liftPolicy, newcomer, newcomers, task);
                    List<AgentId> order = groups.stream().flatMap(List::stream).toList();
                    worker = order.get(sample % order.size());
                    forced = sample == 0;
                    mixed = pairedMix(liftPolicy, groups, samples);
                } else if (design == Behaviour.TARGETED) {
                    List<AgentId> slots = targetedSlots(
                            liftPolicy, newcomer, newcomers, targets.at(task, step, producers), task, samples);
                    worker = slots.get(sample);
                    forced = worker.equals(newcomer);
                    mixed = slotMix(liftPolicy, slots);
                } else {
                    double u = Seeds.uniform(seed, "behaviour", task.id(), sample);
                    forced = sample % 2 == 0;
                    worker = forced
                            ? newcomer
                            : sample % 4 == 1 ? liftPolicy.argmax() : explore(liftPolicy, newcomer, u);
                    mixed = mix(liftPolicy, newcomer, samples);
                }
                recorded = mixed;
                probed = worker;
                behaviour = mixed.probability(worker);
                probedProducers = producers;
            } else {
                worker = liftPolicy.argmax();
                recorded = liftPolicy;
            }
            chosen.add(worker);
            steps.add(new StepDecision(step, recorded, worker, List.of()));
        }
        return new Planned(
                warmup,
                new PlannedRun(task, new Plan(task.id(), steps), sample),
                forced,
                probed,
                behaviour,
                probedProducers);
    }

    /**
     * The behaviour of {@link Behaviour#REPEATED} at the probed step as a policy: the share of a task's samples each
     * worker is expected to get. Even samples go to the new worker, samples 1, 5, ... to the lift's choice (the
     * incumbent), samples 3, 7, ... to one of the remaining workers, uniformly (to the incumbent when there is none).
     * With four samples b = ½·[new] + ¼·[incumbent] + ¼·uniform(others); the new worker and the incumbent are run on
     * every task, so the gate compares them on the same tasks without importance weights.
     */
    private static Policy mix(Policy lift, AgentId newcomer, int samples) {
        List<AgentId> ids = lift.workers();
        AgentId top = lift.argmax();
        int forced = (samples + 1) / 2;
        int incumbent = (samples + 2) / 4;
        int exploring = samples / 4;
        long others = ids.stream()
                .filter(id -> !id.equals(newcomer) && !id.equals(top))
                .count();
        double[] p = new double[ids.size()];
        for (int i = 0; i < p.length; i++) {
            AgentId id = ids.get(i);
            double count = id.equals(newcomer)
                    ? forced
                    : id.equals(top) ? incumbent + (others == 0 ? exploring : 0) : (double) exploring / others;
            p[i] = count / samples;
        }
        if (top.equals(newcomer)) {
            p[ids.indexOf(newcomer)] = 1.0 - (others == 0 ? 0 : (double) exploring / samples);
        }
        return Policy.of(ids, p);
    }

    /**
     * The newcomer, the lift's choice, the round's other newcomers, then the remaining workers; each of the last
     * two groups in an order drawn from the seed and the task. Returned as groups, in that order.
     */
    @SuppressWarnings("ReferenceEquality") // which of the two groups, by instance
    private List<List<AgentId>> pairedGroups(Policy lift, AgentId newcomer, List<AgentId> newcomers, Task task) {
        List<AgentId> placed = new ArrayList<>();
        placed.add(newcomer);
        List<List<AgentId>> groups = new ArrayList<>();
        groups.add(List.of(newcomer));
        AgentId top = lift.argmax();
        if (!top.equals(newcomer)) {
            groups.add(List.of(top));
            placed.add(top);
        }
        List<AgentId> others = new ArrayList<>(newcomers.stream()
                .filter(id -> !placed.contains(id) && lift.workers().contains(id))
                .toList());
        placed.addAll(others);
        List<AgentId> rest = new ArrayList<>(
                lift.workers().stream().filter(id -> !placed.contains(id)).toList());
        for (List<AgentId> group : List.of(others, rest)) {
            if (group.isEmpty()) {
                continue;
            }
            shuffle(group, group == others ? "paired-newcomers" : "paired", task);
            groups.add(group);
        }
        return groups;
    }

    /**
     * The worker of each sample under {@link Behaviour#TARGETED}: the newcomer, the lift's choice, the targets, the
     * lift's runner-up, the round's other newcomers (seeded order), each once, then the newcomer for the rest.
     */
    private List<AgentId> targetedSlots(
            Policy lift, AgentId newcomer, List<AgentId> newcomers, List<AgentId> targets, Task task, int samples) {
        List<AgentId> order = new ArrayList<>();
        order.add(newcomer);
        AgentId top = lift.argmax();
        java.util.function.Consumer<AgentId> place = id -> {
            if (lift.covers(id) && !order.contains(id)) {
                order.add(id);
            }
        };
        place.accept(top);
        targets.forEach(place);
        lift.workers().stream()
                .filter(id -> !order.contains(id) && !newcomers.contains(id))
                .max(java.util.Comparator.comparingDouble(lift::probability))
                .ifPresent(place);
        List<AgentId> others = new ArrayList<>(newcomers.stream()
                .filter(id -> !order.contains(id) && lift.covers(id))
                .toList());
        shuffle(others, "targeted-newcomers", task);
        others.forEach(place);
        List<AgentId> slots = new ArrayList<>(order.subList(0, Math.min(samples, order.size())));
        while (slots.size() < samples) {
            slots.add(newcomer);
        }
        return slots;
    }

    /** Shuffles {@code workers} in place, in an order drawn from the seed, {@code name} and the task. */
    private void shuffle(List<AgentId> workers, String name, Task task) {
        for (int i = workers.size() - 1; i > 0; i--) {
            int j = (int) (Seeds.uniform(seed, name, task.id(), i) * (i + 1));
            java.util.Collections.swap(workers, i, Math.min(i, j));
        }
    }

    /** A fixed assignment of samples to workers as a policy: each worker's share of the samples. */
    private static Policy slotMix(Policy lift, List<AgentId> slots) {
        List<AgentId> ids = lift.workers();
        double[] p = new double[ids.size()];
        for (AgentId id : slots) {
            p[ids.indexOf(id)] += 1.0 / slots.size();
        }
        return Policy.of(ids, p);
    }

    /**
     * The behaviour of {@link Behaviour#PAIRED} as a policy: the share of a task's samples each worker gets; the
     * positions a shuffled group fills are spread evenly over its workers.
     */
    private static Policy pairedMix(Policy lift, List<List<AgentId>> groups, int samples) {
        List<AgentId> ids = lift.workers();
        int m = groups.stream().mapToInt(List::size).sum();
        int[] perSlot = new int[m];
        for (int k = 0; k < samples; k++) {
            perSlot[k % m]++;
        }
        double[] p = new double[ids.size()];
        java.util.Map<AgentId, Integer> position = new java.util.HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            position.putIfAbsent(ids.get(i), i);
        }
        int slot = 0;
        for (List<AgentId> group : groups) {
            double share = 0;
            for (int k = 0; k < group.size(); k++) {
                share += perSlot[slot + k];
            }
            for (AgentId id : group) {
                p[Objects.requireNonNull(position.get(id))] = share / group.size() / samples;
            }
            slot += group.size();
        }
        return Policy.of(ids, p);
    }

    /** A worker other than the newcomer and the lift's choice, uniformly: exploration, so old workers are compared too. */
    private static AgentId explore(Policy lift, AgentId newcomer, double u) {
        AgentId top = lift.argmax();
        List<AgentId> others = lift.workers().stream()
                .filter(id -> !id.equals(newcomer) && !id.equals(top))
                .toList();
        if (others.isEmpty()) {
            return top.equals(newcomer) ? newcomer : top;
        }
        return others.get(Math.min(others.size() - 1, (int) (u * others.size())));
    }
}
