package dev.monoscale.bench;

import dev.monoscale.core.Router;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.sim.WorldSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The true accuracy of a router on a simulated world's task distribution, known because the simulator knows
 * the hidden profiles: what deploying the router would score on average, with no sampling noise from the world.
 *
 * <p>The router is used as the expansion benchmark uses it: {@code router.route(task)} gives the plan (each step
 * to the most probable worker), which {@link dev.monoscale.execution.PlanRunner} would run. For a given plan,
 * {@link SimWorld#planSuccess} is the exact probability that it passes over the world's draws. A task's text is
 * its family's templates with the slot values filled in, so when the number of distinct tasks (every family
 * times every combination of the slot values it uses) is at most {@link #EXACT_LIMIT}, every one is routed and
 * weighted by its probability (family weight over the total, slot values uniform and independent, as
 * {@link SimWorld} draws them): the truth is <b>exact</b>. Otherwise {@value #SAMPLED} tasks are drawn as the
 * world draws its evaluation tasks, the same tasks for every router (common random numbers), and the truth is the
 * mean exact pass probability over them; {@link #standardError} then gives the paired standard error of a
 * difference. Generated worlds are always small enough to be exact.
 */
public final class TrueAccuracy {

    /** The largest task distribution enumerated exactly. */
    public static final int EXACT_LIMIT = 5_000;
    /** How many tasks stand for a larger distribution. */
    public static final int SAMPLED = 2_000;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z0-9_]+)}");

    private final SimWorld world;
    private final List<Task> tasks = new ArrayList<>();
    private final List<WorldSpec.FamilySpec> families = new ArrayList<>();
    private final double[] weights;
    private final boolean exact;

    public TrueAccuracy(SimWorld world) {
        this.world = world;
        WorldSpec spec = world.spec();
        long distinct = 0;
        for (WorldSpec.FamilySpec family : spec.families()) {
            long combos = 1;
            for (String slot : usedSlots(family)) {
                combos *= Objects.requireNonNull(family.slots().get(slot)).size();
            }
            distinct += combos;
        }
        this.exact = distinct <= EXACT_LIMIT;
        List<Double> w = new ArrayList<>();
        if (exact) {
            double total = spec.families().stream()
                    .mapToDouble(WorldSpec.FamilySpec::weight)
                    .sum();
            for (WorldSpec.FamilySpec family : spec.families()) {
                List<Map<String, String>> fillings = fillings(family);
                for (Map<String, String> filling : fillings) {
                    tasks.add(task(family, filling, "truth-%s-%d".formatted(family.id(), families.size())));
                    families.add(family);
                    w.add(family.weight() / total / fillings.size());
                }
            }
        } else {
            for (Task task : world.evaluationTasks(SAMPLED)) {
                String id = world.familyOf(task.id());
                tasks.add(task);
                families.add(spec.families().stream()
                        .filter(f -> f.id().equals(id))
                        .findFirst()
                        .orElseThrow());
                w.add(1.0 / SAMPLED);
            }
        }
        this.weights = w.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Whether the truth is computed over the whole task distribution (no sampling error at all). */
    public boolean exact() {
        return exact;
    }

    /** How many tasks the truth is computed over. */
    public int tasks() {
        return tasks.size();
    }

    /** Each task's exact pass probability under the router's plan, in a fixed task order. */
    public double[] perTask(Router router) {
        double[] p = new double[tasks.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = world.planSuccess(families.get(i), router.route(tasks.get(i)).workers());
        }
        return p;
    }

    /** The true accuracy: the weighted mean of {@link #perTask}. */
    public double of(double[] perTask) {
        double sum = 0;
        for (int i = 0; i < perTask.length; i++) {
            sum += weights[i] * perTask[i];
        }
        return sum;
    }

    /** The contrast of a candidate's per-task pass probabilities with the lift's, for {@link OracleTest}. */
    OracleTest contrast(double[] candidate, double[] lift) {
        return OracleTest.of(candidate, lift, weights);
    }

    public double of(Router router) {
        return of(perTask(router));
    }

    /**
     * The standard error of the difference {@code of(a) − of(b)}: 0 when exact; otherwise the paired standard
     * error over the sampled tasks (the same tasks for both).
     */
    public double standardError(double[] a, double[] b) {
        if (exact) {
            return 0;
        }
        int n = a.length;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += a[i] - b[i];
        }
        mean /= n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = a[i] - b[i] - mean;
            ss += d * d;
        }
        return n < 2 ? 0 : Math.sqrt(ss / (n - 1) / n);
    }

    private static Set<String> usedSlots(WorldSpec.FamilySpec family) {
        Set<String> used = new LinkedHashSet<>();
        List<String> texts = new ArrayList<>();
        texts.add(family.text());
        family.steps().forEach(step -> texts.add(step.text()));
        for (String text : texts) {
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        return used;
    }

    private static List<Map<String, String>> fillings(WorldSpec.FamilySpec family) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(Map.of());
        for (String slot : usedSlots(family)) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String value : Objects.requireNonNull(family.slots().get(slot))) {
                    java.util.HashMap<String, String> filled = new java.util.HashMap<>(partial);
                    filled.put(slot, value);
                    next.add(filled);
                }
            }
            out = next;
        }
        return out;
    }

    private static Task task(WorldSpec.FamilySpec family, Map<String, String> slots, String id) {
        List<Subtask> subtasks = new ArrayList<>();
        for (int s = 0; s < family.steps().size(); s++) {
            WorldSpec.StepSpec step = family.steps().get(s);
            subtasks.add(new Subtask(s, fill(step.text(), slots), step.inputs()));
        }
        return new Task(TaskId.of(id), fill(family.text(), slots), subtasks);
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
}
