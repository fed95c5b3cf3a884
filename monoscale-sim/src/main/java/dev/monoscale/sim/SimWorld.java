package dev.monoscale.sim;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Checker;
import dev.monoscale.core.FailureKind;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Router;
import dev.monoscale.core.Stage;
import dev.monoscale.core.StepOutput;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.Verdict;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.core.World;
import dev.monoscale.execution.TaskNotes;
import dev.monoscale.stats.Seeds;
import dev.monoscale.synthesis.Intent;
import dev.monoscale.synthesis.IntentKind;
import dev.monoscale.synthesis.TaskCatalogue;
import dev.monoscale.synthesis.WarmupTask;
import dev.monoscale.text.Words;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link WorldSpec} brought to life with a seed: it writes tasks from the families, and answers worker calls
 * from the hidden profiles.
 *
 * <p>Outcomes are a pure function of (seed, task, step, sample, worker, inputs), so they do not depend on
 * thread scheduling or on which other workers are in the pool (the paper's non-interfering expansion). At one
 * step of one task, all workers share a single uniform draw u and a worker answers correctly when u is below
 * its effective success probability: a more capable worker succeeds whenever a less capable one does
 * (common random numbers), which keeps comparisons between routers sharp and the oracle a true ceiling.
 */
public final class SimWorld implements World, TaskCatalogue {

    /** A warm-up intent may land on any step that matches at least this share as well as the best one. */
    private static final double NEAR = 0.5;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z0-9_]+)}");
    /** A worker this unlikely to succeed says it cannot do the step instead of guessing. */
    private static final double CANNOT_ATTEMPT_BELOW = 0.2;

    private final WorldSpec spec;
    private final long seed;
    private final Map<AgentId, WorldSpec.WorkerSpec> workers = new HashMap<>();
    private final Map<String, WorldSpec.SkillSpec> skills = new HashMap<>();
    private final Map<TaskId, SimTask> tasks = new ConcurrentHashMap<>();
    private final List<Stage> stages;
    /** Each family step's content words, placeholders left out, by family and step: what warm-up intents match. */
    private final List<List<Set<String>>> stepWords;

    private SimWorld(WorldSpec spec, long seed) {
        this.spec = spec;
        this.seed = seed;
        spec.workers().forEach(worker -> workers.put(worker.id(), worker));
        spec.skills().forEach(skill -> skills.put(skill.id(), skill));
        List<Stage> built = new ArrayList<>();
        Pool pool = Pool.of(List.of());
        for (int k = 0; k < spec.stages().size(); k++) {
            List<AgentId> added = spec.stages().get(k).join();
            pool = pool.plus(added.stream()
                    .map(id -> Objects.requireNonNull(workers.get(id)).card())
                    .toList());
            built.add(new Stage(k, added, pool));
        }
        this.stages = List.copyOf(built);
        this.stepWords = spec.families().stream()
                .map(family -> family.steps().stream()
                        .map(step -> Words.set(PLACEHOLDER.matcher(step.text()).replaceAll(" ")))
                        .toList())
                .toList();
    }

    public static SimWorld create(WorldSpec spec, long seed) {
        return new SimWorld(spec, seed);
    }

    public WorldSpec spec() {
        return spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public List<Stage> stages() {
        return stages;
    }

    @Override
    public List<Task> evaluationTasks(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("evaluation task count must be >= 1, was " + count);
        }
        List<Task> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            TaskId id = TaskId.of("eval-%04d".formatted(i));
            out.add(materialize(pickFamily(id), id));
        }
        return out;
    }

    /** The card of a declared worker, whether or not it has joined yet. */
    public AgentCard card(AgentId id) {
        return spec(id).card();
    }

    /**
     * Writes a concrete task of {@code family} with the given id: slots filled by seeded draws, the right answer
     * known only to the world. The same id always gives the same task.
     */
    public Task materialize(WorldSpec.FamilySpec family, TaskId id) {
        Map<String, String> filled = new HashMap<>();
        family.slots()
                .forEach((slot, values) ->
                        filled.put(slot, values.get((int) (Seeds.uniform(seed, "slot", id, slot) * values.size()))));
        List<Subtask> subtasks = new ArrayList<>();
        List<String> stepSkills = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        for (int s = 0; s < family.steps().size(); s++) {
            WorldSpec.StepSpec step = family.steps().get(s);
            subtasks.add(new Subtask(s, fill(step.text(), filled), step.inputs()));
            stepSkills.add(step.skill());
            answers.add(token("answer", id, s));
        }
        Task task = new Task(id, fill(family.text(), filled), subtasks);
        tasks.put(id, new SimTask(task, family.id(), stepSkills, answers));
        return task;
    }

    /**
     * Writes task {@code id} of family {@code family} unless this world knows it already from that family: another
     * process's copy of this world (same spec, same seed) learns a task that process wrote from its id and
     * {@link #familyOf family}, so that it can play the workers' calls for it (a worker process of an engine such as
     * Temporal). The family decides: a warm-up task's id names a card and a count, so a later round that synthesizes
     * from the same card against a bigger pool (the confirm rule draws from the incumbents' cards) may write another
     * task under the same id, and the call's note says which one it is.
     */
    public void learn(TaskId id, String family) {
        SimTask known = tasks.get(id);
        if (known != null && known.family().equals(family)) {
            return;
        }
        WorldSpec.FamilySpec spec = this.spec.families().stream()
                .filter(f -> f.id().equals(family))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("world '%s' has no task family '%s'".formatted(name(), family)));
        materialize(spec, id);
    }

    /** The notes that let another process's copy of this world play the tasks written here: their families. */
    public TaskNotes taskNotes() {
        return new TaskNotes() {
            @Override
            public String note(Task task) {
                return familyOf(task.id());
            }

            @Override
            public void learn(TaskId id, String family) {
                SimWorld.this.learn(id, family);
            }
        };
    }

    /** The family a task was written from; hidden from routers, known to benchmarks and tests. */
    public String familyOf(TaskId id) {
        return simTask(id).family();
    }

    /**
     * Turns a warm-up intent into a task: the family step whose words best match the intent's (set cosine over
     * content words, placeholders left out), a handoff intent only at a step that reads an earlier one and matches
     * at least 80% as well as the best step anywhere. Among the steps that match at least half as well as the
     * best, one is drawn in proportion to its match from the seed and the task id, so a budget of tasks covers
     * them all. Empty when no step shares a word with the intent.
     */
    @Override
    public Optional<WarmupTask> materialize(Intent intent, TaskId id) {
        Set<String> want = Words.set(intent.text());
        List<WorldSpec.FamilySpec> families = new ArrayList<>();
        List<Integer> steps = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        double best = 0;
        double bestAnywhere = 0;
        for (int f = 0; f < spec.families().size(); f++) {
            WorldSpec.FamilySpec family = spec.families().get(f);
            for (int s = 0; s < family.steps().size(); s++) {
                WorldSpec.StepSpec step = family.steps().get(s);
                Set<String> have = stepWords.get(f).get(s);
                long common = have.stream().filter(want::contains).count();
                double score = common == 0 ? 0 : common / Math.sqrt((double) have.size() * want.size());
                bestAnywhere = Math.max(bestAnywhere, score);
                if (intent.kind() == IntentKind.HANDOFF && step.inputs().isEmpty()) {
                    continue;
                }
                families.add(family);
                steps.add(s);
                scores.add(score);
                best = Math.max(best, score);
            }
        }
        // a handoff the world can only offer at a step unlike the intent would probe something else
        if (best == 0 || best < 0.8 * bestAnywhere) {
            return Optional.empty();
        }
        double total = 0;
        for (double score : scores) {
            total += score >= NEAR * best ? score : 0;
        }
        double u = Seeds.uniform(seed, "catalogue", id) * total;
        int pick = -1;
        for (int i = 0; i < scores.size() && pick < 0; i++) {
            if (scores.get(i) >= NEAR * best) {
                u -= scores.get(i);
                if (u < 0) {
                    pick = i;
                }
            }
        }
        if (pick < 0) {
            pick = scores.indexOf(best);
        }
        return Optional.of(new WarmupTask(materialize(families.get(pick), id), steps.get(pick), intent));
    }

    /** Whether {@code reply} is the right output for step {@code step} of a task this world wrote. */
    public boolean correct(TaskId id, int step, WorkerReply reply) {
        return reply instanceof WorkerReply.Answered answered
                && answered.content().equals(simTask(id).answers().get(step));
    }

    /** The skill each step of a task needs; hidden from routers. */
    public List<String> skillsOf(TaskId id) {
        return simTask(id).skills();
    }

    @Override
    public Worker worker(AgentId id) {
        WorldSpec.WorkerSpec worker = spec(id);
        return Worker.of(id, call -> {
            SimTask task = tasks.get(call.task());
            if (task == null) {
                return new WorkerReply.Failed(
                        FailureKind.REJECTED, "unknown task '%s'".formatted(call.task()), Duration.ZERO, 0);
            }
            return outcome(worker, task, call.step(), call.sample(), call.inputs());
        });
    }

    @Override
    public Checker checker() {
        return (task, answer) -> {
            SimTask known = simTask(task.id());
            if (answer.isEmpty()) {
                return Verdict.fail("no answer: a step failed");
            }
            return answer.get().equals(known.answers().getLast())
                    ? Verdict.pass("answer matches the reference")
                    : Verdict.fail("wrong answer '%s'".formatted(answer.get()));
        };
    }

    @Override
    public Router oracle(Pool pool) {
        return new SimOracle(this, pool);
    }

    /** The probability that {@code worker} does {@code skill} right when its inputs are right and acceptable. */
    public double successProbability(AgentId worker, String skill) {
        WorldSpec.Profile profile = spec(worker).profile();
        if (profile.mode(FailureMode.BrokenTool.class)
                .filter(b -> b.skill().equals(skill))
                .isPresent()) {
            return 0;
        }
        double timeout = profile.mode(FailureMode.FlakyTimeout.class)
                .map(FailureMode.FlakyTimeout::rate)
                .orElse(0.0);
        double wrong = profile.failureModes().stream()
                .filter(m -> m instanceof FailureMode.SilentWrongAnswer s
                        && s.skill().map(skill::equals).orElse(true))
                .mapToDouble(m -> ((FailureMode.SilentWrongAnswer) m).rate())
                .findFirst()
                .orElse(0);
        return baseSuccess(profile, skill) * (1 - timeout) * (1 - wrong);
    }

    /**
     * The exact probability that a plan giving step {@code i} of a task of {@code family} to {@code workers.get(i)}
     * passes, over this world's draws, as {@link dev.monoscale.execution.PlanRunner} runs it: every step must
     * answer (the first failed step ends the run), and the last step and every step it reads from, directly or
     * through others, must be right. The draws of different steps are independent, so this is a product over
     * the steps. It depends on the family and the workers only, not on the slot values.
     */
    public double planSuccess(WorldSpec.FamilySpec family, List<AgentId> workers) {
        int n = family.steps().size();
        if (workers.size() != n) {
            throw new IllegalArgumentException(
                    "family '%s' has %d steps, the plan names %d workers".formatted(family.id(), n, workers.size()));
        }
        boolean[] needed = new boolean[n];
        needed[n - 1] = true;
        for (int s = n - 1; s >= 0; s--) {
            if (needed[s]) {
                family.steps().get(s).inputs().forEach(i -> needed[i] = true);
            }
        }
        double p = 1;
        for (int s = 0; s < n; s++) {
            AgentId worker = workers.get(s);
            WorldSpec.StepSpec step = family.steps().get(s);
            for (int input : step.inputs()) {
                if (refuses(
                        worker,
                        workers.get(input),
                        outputFormat(family.steps().get(input).skill()))) {
                    return 0;
                }
            }
            double right = successProbability(worker, step.skill());
            if (needed[s]) {
                p *= right;
                continue;
            }
            // a step nobody reads only has to answer: right, or wrong without failing
            WorldSpec.Profile profile = spec(worker).profile();
            if (profile.mode(FailureMode.BrokenTool.class)
                    .filter(b -> b.skill().equals(step.skill()))
                    .isPresent()) {
                return 0;
            }
            double timeout = profile.mode(FailureMode.FlakyTimeout.class)
                    .map(FailureMode.FlakyTimeout::rate)
                    .orElse(0.0);
            boolean guesses = baseSuccess(profile, step.skill()) >= CANNOT_ATTEMPT_BELOW
                    || profile.mode(FailureMode.OverClaimingGeneralist.class).isPresent();
            p *= right + (1 - right) * (guesses ? 1 - timeout : 0);
        }
        return p;
    }

    /** Whether {@code worker} refuses an input produced by {@code producer} in {@code format}. */
    public boolean refuses(AgentId worker, AgentId producer, String format) {
        return spec(worker)
                .profile()
                .mode(FailureMode.InterfaceConstraint.class)
                .filter(c -> c.fromWorkers().contains(producer.value())
                        || c.formats().contains(format))
                .isPresent();
    }

    /** The format a step's output has: the output format of the skill it needs. */
    public String outputFormat(String skill) {
        return Objects.requireNonNull(skills.get(skill)).outputFormat();
    }

    WorkerReply outcome(WorldSpec.WorkerSpec worker, SimTask task, int step, int sample, List<StepOutput> inputs) {
        if (step < 0 || step >= task.skills().size()) {
            return new WorkerReply.Failed(
                    FailureKind.REJECTED,
                    "task '%s' has no step %d".formatted(task.task().id(), step),
                    Duration.ZERO,
                    0);
        }
        WorldSpec.Profile profile = worker.profile();
        String skill = task.skills().get(step);
        String format = outputFormat(skill);
        TaskId id = task.task().id();
        Duration latency = Duration.ofMillis(Math.round(
                profile.latencyMillis() * (0.5 + Seeds.uniform(seed, "latency", id, step, sample, worker.id()))));

        for (StepOutput input : inputs) {
            if (refuses(worker.id(), input.producer(), input.format())) {
                return new WorkerReply.Failed(
                        FailureKind.REJECTED,
                        "cannot read %s input handed over by '%s'".formatted(input.format(), input.producer()),
                        latency,
                        profile.cost());
            }
        }
        if (profile.mode(FailureMode.BrokenTool.class)
                .filter(b -> b.skill().equals(skill))
                .isPresent()) {
            return new WorkerReply.Failed(
                    FailureKind.ERROR, "tool error: the %s tool crashed".formatted(skill), latency, profile.cost());
        }
        double pOk = successProbability(worker.id(), skill);
        double u = Seeds.uniform(seed, "outcome", id, step, sample);
        boolean inputsRight = true;
        for (StepOutput input : inputs) {
            inputsRight &= input.content().equals(task.answers().get(input.step()));
        }
        if (u < pOk) {
            String content = inputsRight ? task.answers().get(step) : token("wrong", id, step, sample, worker.id());
            return new WorkerReply.Answered(content, format, latency, profile.cost());
        }
        double v = Seeds.uniform(seed, "failure", id, step, sample, worker.id());
        double timeout = profile.mode(FailureMode.FlakyTimeout.class)
                .map(FailureMode.FlakyTimeout::rate)
                .orElse(0.0);
        if (v < timeout) {
            return new WorkerReply.Failed(
                    FailureKind.TIMEOUT,
                    "no answer within %d ms".formatted(spec.timeoutMillis()),
                    Duration.ofMillis(spec.timeoutMillis()),
                    profile.cost());
        }
        if (baseSuccess(profile, skill) < CANNOT_ATTEMPT_BELOW
                && profile.mode(FailureMode.OverClaimingGeneralist.class).isEmpty()) {
            return new WorkerReply.Failed(
                    FailureKind.ERROR,
                    "cannot do this: %s is outside what I do".formatted(describe(skill)),
                    latency,
                    profile.cost());
        }
        return new WorkerReply.Answered(token("wrong", id, step, sample, worker.id()), format, latency, profile.cost());
    }

    private double baseSuccess(WorldSpec.Profile profile, String skill) {
        Optional<FailureMode.ExaggeratedCard> exaggerated = profile.mode(FailureMode.ExaggeratedCard.class)
                .filter(e -> e.skills().contains(skill));
        if (exaggerated.isPresent()) {
            return exaggerated.get().success();
        }
        Double named = profile.skills().get(skill);
        if (named != null) {
            return named;
        }
        return profile.mode(FailureMode.OverClaimingGeneralist.class)
                .map(FailureMode.OverClaimingGeneralist::success)
                .orElse(profile.otherSkills());
    }

    private String describe(String skill) {
        String description = Objects.requireNonNull(skills.get(skill)).description();
        return description.isBlank() ? skill : description;
    }

    SimTask simTask(TaskId id) {
        SimTask task = tasks.get(id);
        if (task == null) {
            throw new IllegalArgumentException("task '%s' was not written by world '%s'".formatted(id, spec.name()));
        }
        return task;
    }

    WorldSpec.WorkerSpec spec(AgentId id) {
        WorldSpec.WorkerSpec worker = workers.get(id);
        if (worker == null) {
            throw new IllegalArgumentException("world '%s' has no worker '%s'; it has %s"
                    .formatted(
                            spec.name(),
                            id,
                            spec.workers().stream()
                                    .map(WorldSpec.WorkerSpec::id)
                                    .toList()));
        }
        return worker;
    }

    private WorldSpec.FamilySpec pickFamily(TaskId id) {
        double total = spec.families().stream()
                .mapToDouble(WorldSpec.FamilySpec::weight)
                .sum();
        double u = Seeds.uniform(seed, "family", id) * total;
        double acc = 0;
        for (WorldSpec.FamilySpec family : spec.families()) {
            acc += family.weight();
            if (u < acc) {
                return family;
            }
        }
        return spec.families().getLast();
    }

    private String token(String kind, Object... parts) {
        Object[] all = new Object[parts.length + 1];
        all[0] = kind;
        System.arraycopy(parts, 0, all, 1, parts.length);
        // right and wrong answers look alike: only the checker can tell them apart
        return "ans-%08x".formatted((int) Seeds.mix(seed, all));
    }

    private static String fill(String template, Map<String, String> slots) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(slots.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A task with what only the world knows about it. */
    record SimTask(Task task, String family, List<String> skills, List<String> answers) {}

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SimWorld[%s, seed=%d]", spec.name(), seed);
    }
}
