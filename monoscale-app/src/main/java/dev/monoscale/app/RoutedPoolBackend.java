package dev.monoscale.app;

import dev.monoscale.a2a.A2aBackend;
import dev.monoscale.app.service.LiveRouter;
import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Plan;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Router;
import dev.monoscale.core.Skill;
import dev.monoscale.core.StepDecision;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.Trace;
import dev.monoscale.core.TraceStep;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.execution.PlanRunner;
import dev.monoscale.synthesis.AnsweredChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The multi-agent system as an {@link A2aBackend}: each request is a one-step task that the router (bound to a pool
 * and a memory version) gives to a worker, which is then called. The card lists every skill of the pool, each id
 * prefixed with its worker's id. Any pool source plugs in through the constructor: a simulated world's, or A2A
 * agents'.
 */
public final class RoutedPoolBackend implements A2aBackend {

    private final String name;
    private final Supplier<Pool> pool;
    private final Router router;
    private final PlanRunner runner;
    private final AtomicLong requests = new AtomicLong();

    public RoutedPoolBackend(String name, Pool pool, Router router, Function<AgentId, Worker> workers) {
        this(name, () -> pool, router, workers);
    }

    /** @param pool the pool now, for the card: a pool that grows while serving ({@code ServedPool}) */
    public RoutedPoolBackend(String name, Supplier<Pool> pool, Router router, Function<AgentId, Worker> workers) {
        this.name = name;
        this.pool = pool;
        this.router = router;
        this.runner = new PlanRunner(workers, new AnsweredChecker());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "A MonoScale multi-agent system: each request goes to the worker that the routing memory trusts for it, among "
                + pool.get().ids();
    }

    @Override
    public List<Skill> skills() {
        List<Skill> skills = new ArrayList<>();
        for (AgentCard card : pool.get().cards()) {
            for (Skill skill : card.skills()) {
                skills.add(new Skill(
                        card.id() + "/" + skill.id(),
                        skill.name(),
                        skill.description(),
                        skill.tags(),
                        skill.examples()));
            }
        }
        return skills;
    }

    @Override
    public Result handle(String text, Consumer<String> progress) {
        Task task = new Task(
                TaskId.of("a2a-" + requests.incrementAndGet()), text, List.of(new Subtask(0, text, List.of())));
        Plan plan;
        if (router instanceof LiveRouter live) {
            LiveRouter.Routed routed = live.routeNamed(task);
            plan = routed.plan();
            progress.accept("memory " + routed.memory().version());
        } else {
            plan = router.route(task);
        }
        for (StepDecision step : plan.steps()) {
            progress.accept(String.format(
                    Locale.ROOT,
                    "step %d -> %s (p = %.3f)",
                    step.step().index() + 1,
                    step.worker(),
                    step.policy().probability(step.worker())));
        }
        Trace trace = runner.run(task, plan, 0);
        TraceStep last = trace.steps().getLast();
        return switch (last.reply()) {
            case WorkerReply.Answered answered -> Result.answered(answered.content());
            case WorkerReply.Failed failed ->
                Result.failed("%s failed (%s): %s"
                        .formatted(last.worker(), failed.kind().name().toLowerCase(Locale.ROOT), failed.message()));
        };
    }
}
