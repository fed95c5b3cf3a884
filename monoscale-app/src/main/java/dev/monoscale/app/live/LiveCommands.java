package dev.monoscale.app.live;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Pool;
import dev.monoscale.core.StepDecision;
import dev.monoscale.core.StepOutput;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.Trace;
import dev.monoscale.core.TraceStep;
import dev.monoscale.core.Verdict;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.core.WorkerScore;
import dev.monoscale.execution.PlanRunner;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.gate.GatePolicy;
import dev.monoscale.llm.LlmRouter;
import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.onboarding.Onboarding;
import dev.monoscale.onboarding.OnboardingRound;
import dev.monoscale.onboarding.PoolKind;
import dev.monoscale.onboarding.RoundConfig;
import dev.monoscale.onboarding.RoundReport;
import dev.monoscale.resilience.ResilienceConfig;
import dev.monoscale.resilience.ResilientWorkers;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/** What {@code route --config} and {@code onboard --config} do on a live world. */
public final class LiveCommands {

    private LiveCommands() {}

    /**
     * Plans the request, routes every step with the memory (or, without one, with every configured worker
     * validated), runs the workers, composes the answer, and prints all of it. Returns the exit code: 0 with an
     * answer, 1 when a worker failed.
     */
    public static int route(LiveWorld world, String text, RoutingMemory memory, long seed, PrintWriter out) {
        Pool pool = world.pool();
        if (!world.hasModel()) {
            return routeWithoutModel(world, text, memory, out);
        }
        LlmRouter router = world.router(pool, memory, seed);
        LlmRouter.Planned planned = router.plan(TaskId.of("cli"), text);
        Task task = planned.task();
        out.printf(
                Locale.ROOT,
                "memory %s over %d workers (%s); router %s, prompts %s%n",
                memory.version(),
                pool.size(),
                world.config().source(),
                Objects.requireNonNull(world.config().router()).describe(),
                String.join(", ", router.prompts()));
        out.printf(
                Locale.ROOT,
                "%nplan (%s): %d step%s%n",
                planned.prompt(),
                task.subtasks().size(),
                task.subtasks().size() == 1 ? "" : "s");
        planned.notes().forEach(note -> out.println("  note: " + note));
        List<AgentId> chosen = new ArrayList<>();
        List<StepDecision> decisions = new ArrayList<>();
        for (var step : task.subtasks()) {
            LlmRouter.Decision decision = router.decide(
                    task, step, step.inputs().stream().map(chosen::get).toList());
            chosen.add(decision.step().worker());
            decisions.add(decision.step());
            printDecision(decision, out);
        }
        var plan = new dev.monoscale.core.Plan(task.id(), decisions);
        var outputs = run(world, task, plan, out);
        if (outputs.isEmpty()) {
            return 1;
        }
        out.printf(Locale.ROOT, "%nanswer:%n%s%n", router.compose(task, outputs.get()));
        out.flush();
        return 0;
    }

    /**
     * A model-free world: the request is one step, the embedded memory router chooses its worker, and the answer is
     * that worker's reply.
     */
    private static int routeWithoutModel(LiveWorld world, String text, RoutingMemory memory, PrintWriter out) {
        Pool pool = world.pool();
        var router = world.lift().router(pool, memory);
        Task task = new Task(TaskId.of("cli"), text, List.of(new dev.monoscale.core.Subtask(0, text, List.of())));
        var plan = router.route(task);
        out.printf(
                Locale.ROOT,
                "memory %s over %d workers (%s); embedded router (no model configured)%n",
                memory.version(),
                pool.size(),
                world.config().source());
        for (StepDecision decision : plan.steps()) {
            out.printf(
                    Locale.ROOT,
                    "%nstep %d: %s%n  -> %s (p = %.3f)%n",
                    decision.step().index() + 1,
                    decision.step().text(),
                    decision.worker(),
                    decision.policy().probability(decision.worker()));
            decision.scores().stream()
                    .sorted(Comparator.comparingDouble(WorkerScore::probability).reversed())
                    .forEach(s -> out.printf(
                            Locale.ROOT,
                            "     %-16s p = %.3f  %s%n",
                            s.worker(),
                            s.probability(),
                            String.join("; ", s.because())));
        }
        var outputs = run(world, task, plan, out);
        if (outputs.isEmpty()) {
            return 1;
        }
        out.printf(Locale.ROOT, "%nanswer:%n%s%n", outputs.get().getLast().content());
        out.flush();
        return 0;
    }

    /** Runs the plan on the world's workers: every step's output, or empty (printed) when a step failed. */
    private static java.util.Optional<List<StepOutput>> run(
            LiveWorld world, Task task, dev.monoscale.core.Plan plan, PrintWriter out) {
        Trace trace = new PlanRunner(world::worker, (t, answer) -> Verdict.pass("not checked")).run(task, plan, 0);
        List<StepOutput> outputs = new ArrayList<>();
        for (TraceStep step : trace.steps()) {
            if (step.reply() instanceof WorkerReply.Failed failed) {
                out.printf(
                        Locale.ROOT,
                        "%nstep %d failed at %s (%s): %s%n",
                        step.index() + 1,
                        step.worker(),
                        failed.kind().name().toLowerCase(Locale.ROOT),
                        failed.message());
                out.flush();
                return java.util.Optional.empty();
            }
            WorkerReply.Answered answered = (WorkerReply.Answered) step.reply();
            outputs.add(new StepOutput(step.index(), step.worker(), answered.content(), answered.format()));
        }
        return java.util.Optional.of(outputs);
    }

    private static void printDecision(LlmRouter.Decision decision, PrintWriter out) {
        StepDecision step = decision.step();
        LlmRouter.DecisionTrace trace = decision.trace();
        out.printf(
                Locale.ROOT,
                "%nstep %d: %s%n  -> %s (p = %.3f) by %s, %s%s%n",
                step.step().index() + 1,
                step.step().text(),
                step.worker(),
                step.policy().probability(step.worker()),
                trace.prompt(),
                trace.method().label(),
                trace.fallback() ? ", FALLBACK to the lift" : "");
        step.scores().stream()
                .sorted(Comparator.comparingDouble(WorkerScore::probability).reversed())
                .forEach(s -> out.printf(
                        Locale.ROOT,
                        "     %-16s p = %.3f  %s%n",
                        s.worker(),
                        s.probability(),
                        String.join("; ", s.because())));
        trace.trail().forEach(line -> out.println("     trace: " + line));
        if (!trace.entries().isEmpty()) {
            out.println("     memory entries in the prompt: " + String.join(", ", trace.entries()));
        }
    }

    /**
     * Onboards the worker of {@code card} (it must be one of the config's workers) into a pool of the config's other
     * workers, with the LLM synthesizer, judge, distiller and router.
     */
    public static RoundReport onboard(
            LiveWorld world,
            AgentCard card,
            String cardSource,
            MemoryStore store,
            RoundConfig round,
            GatePolicy gate,
            WarmupExecutor.Progress progress,
            InstantSource clock) {
        Pool all = world.pool();
        if (!all.contains(card.id())) {
            throw new InvalidInputException(
                    cardSource,
                    "name",
                    "'" + card.name() + "' (id " + card.id() + ")",
                    "the card of a worker in " + world.config().source() + ": " + all.ids());
        }
        Pool before = Pool.of(
                all.cards().stream().filter(c -> !c.id().equals(card.id())).toList());
        Function<AgentId, dev.monoscale.core.Worker> workers =
                new ResilientWorkers(ResilienceConfig.defaults()).wrap(world::worker);
        var parts = new OnboardingRound.Parts(
                world.synthesizer(round.seed()),
                workers,
                world.judge(round.seed()),
                world.distiller(round.seed()),
                world.routing(round.seed()),
                store,
                clock);
        Onboarding onboarding = new Onboarding(parts, round, gate, PoolKind.SPECIALISTS);
        onboarding.start(before.ids());
        if (Onboarding.onboarded(store).contains(card.id())) {
            throw new InvalidInputException(
                    cardSource, "name", "'" + card.name() + "'", "a worker not already validated in the memory");
        }
        return onboarding.round(before, List.of(all.find(card.id()).orElseThrow()), progress);
    }

    /** The memory to route with when there is no database: every configured worker validated, no entries. */
    public static RoutingMemory everyWorkerValidated(LiveWorld world) {
        return RoutingMemory.initial(world.pool().ids(), Instant.EPOCH);
    }
}
