package dev.monoscale.onboarding;

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
import dev.monoscale.execution.PlanRunner;
import dev.monoscale.stats.Seeds;
import dev.monoscale.synthesis.WarmupTask;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs warm-up tasks, {@code samples} times each, in parallel on virtual threads (DESIGN.md §4.2).
 *
 * <p>The behaviour policy at the probed step mixes the conservative lift with forced use of the new worker and
 * some exploration: even samples force the new worker, samples 1, 5, 9, ... draw from the lift, and samples 3,
 * 7, ... draw uniformly from the other workers, so each task yields a comparison with the incumbent and, across
 * tasks, with every old worker. With four samples b(a) = ½·[a = new] + ¼·π↑(a) + ¼·uniform(a ≠ new), and that is
 * the policy recorded in the trace. Every other step goes to the lift's most probable
 * worker, as in deployment. Runs come back in (task, sample) order whatever order they finish in; a worker's
 * fault is recorded in its trace, never thrown.
 */
public final class WarmupExecutor {

    /** Told after every finished run. */
    public interface Progress {
        void ran(int done, int total);

        Progress NONE = (done, total) -> {};
    }

    private final Function<AgentId, Worker> workers;
    private final Checker checker;
    private final long seed;

    public WarmupExecutor(Function<AgentId, Worker> workers, Checker checker, long seed) {
        this.workers = workers;
        this.checker = checker;
        this.seed = seed;
    }

    public List<WarmupRun> run(List<WarmupTask> tasks, PolicyRouter lift, int samples, Progress progress) {
        PlanRunner runner = new PlanRunner(workers, checker);
        int total = tasks.size() * samples;
        AtomicInteger done = new AtomicInteger();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<WarmupRun>> pending = new ArrayList<>(total);
            for (WarmupTask task : tasks) {
                for (int sample = 0; sample < samples; sample++) {
                    int s = sample;
                    pending.add(threads.submit(() -> {
                        WarmupRun run = runOne(task, s, lift, runner);
                        progress.ran(done.incrementAndGet(), total);
                        return run;
                    }));
                }
            }
            List<WarmupRun> runs = new ArrayList<>(total);
            for (Future<WarmupRun> run : pending) {
                runs.add(await(run));
            }
            return runs;
        }
    }

    private WarmupRun runOne(WarmupTask warmup, int sample, PolicyRouter lift, PlanRunner runner) {
        Task task = warmup.task();
        AgentId newcomer = warmup.intent().newcomer();
        boolean forced = sample % 2 == 0;
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
                Policy mixed = mix(liftPolicy, newcomer);
                double u = Seeds.uniform(seed, "behaviour", task.id(), sample);
                worker = forced ? newcomer : sample % 4 == 1 ? liftPolicy.sample(u) : explore(liftPolicy, newcomer, u);
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
        Trace trace = runner.run(task, new Plan(task.id(), steps), sample);
        return new WarmupRun(warmup, sample, forced, probed, behaviour, probedProducers, trace);
    }

    /** b = ½·[new] + ¼·π↑ + ¼·uniform over the other workers, as {@link #runOne} draws with four samples. */
    private static Policy mix(Policy lift, AgentId newcomer) {
        List<AgentId> ids = lift.workers();
        double[] p = new double[ids.size()];
        int others = ids.size() - 1;
        for (int i = 0; i < p.length; i++) {
            boolean isNew = ids.get(i).equals(newcomer);
            p[i] = 0.25 * lift.probability(i) + (isNew ? 0.5 : others == 0 ? 0 : 0.25 / others);
        }
        if (others == 0) {
            p[ids.indexOf(newcomer)] += 0.25;
        }
        return Policy.of(ids, p);
    }

    /** A worker other than the newcomer, uniformly: exploration, so that old workers are compared on the pattern too. */
    private static AgentId explore(Policy lift, AgentId newcomer, double u) {
        List<AgentId> others = lift.workers().stream().filter(id -> !id.equals(newcomer)).toList();
        return others.isEmpty() ? newcomer : others.get(Math.min(others.size() - 1, (int) (u * others.size())));
    }

    private static WarmupRun await(Future<WarmupRun> run) {
        try {
            return run.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("warm-up interrupted");
        } catch (ExecutionException e) {
            // The plan runner records worker faults in the trace, so reaching this is a bug: fail loudly.
            throw new IllegalStateException("a warm-up run threw instead of recording a failed step", e.getCause());
        }
    }
}
