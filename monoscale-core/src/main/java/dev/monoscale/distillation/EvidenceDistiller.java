package dev.monoscale.distillation;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.PolicyRouter;
import dev.monoscale.evidence.EvidenceTable;
import dev.monoscale.evidence.PatternEvidence;
import dev.monoscale.execution.WarmupRun;
import dev.monoscale.memory.Evidence;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.MemoryEntryId;
import dev.monoscale.memory.MemoryVersion;
import dev.monoscale.memory.WorkerGuidance;
import dev.monoscale.stats.Interval;
import dev.monoscale.stats.Proportions;
import dev.monoscale.text.Words;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The model-free distiller. Per task pattern it finds the incumbent (the worker the lift would choose there)
 * and compares every other worker tried at the pattern's probed steps with it, and writes:
 *
 * <ol>
 *   <li><b>constrain</b> when a new worker refused at least {@value #CONSTRAIN_SHARE} of the (two or more)
 *       handoffs from one producer: it must not follow that producer on the pattern;
 *   <li><b>prefer</b> when a worker, new or old, is clearly better than the incumbent on its remaining runs;
 *   <li><b>avoid</b> when a new worker is clearly worse, with its failure signatures in the rule.
 * </ol>
 * "Clearly" has three levels, giving candidates of increasing reach: strict (the 95% Wilson interval of the new
 * worker's rate lies above or below the incumbent's rate, with at least 6 runs to prefer and 4 to avoid), moderate
 * (a margin of 0.1, 4 runs) and lenient (any difference, 4 runs). At every level a prefer or avoid entry needs runs
 * from at least {@value #MIN_TASKS} warm-up tasks, so that too little evidence never moves routing. With failures included (the default), an
 * avoid-only candidate comes first. Without failures (the ablation), only prefer entries are written. For pools of
 * generalists it also writes a default route and example entries (see the constructor).
 *
 * <p>The last candidate, {@code cards}, has the entries of the widest one before it (lenient, with its examples for
 * generalists) and also <em>validates</em> the new workers: the
 * router may then use them wherever their cards match a step, as it uses the workers validated before, and not only
 * where an entry prefers them. An entry needs a pattern the warm-up probed often enough; a new worker whose card is
 * honest is also the best worker for steps its few warm-up tasks never probed, and only this candidate reaches them.
 * Where a card over-claims, its avoid entries keep the worker off the patterns it failed, and the gate weighs the rest
 * like any other candidate's routing.
 */
public final class EvidenceDistiller implements Distiller {

    static final double CONSTRAIN_SHARE = 0.8;

    /**
     * The fewest distinct warm-up tasks a pattern entry's runs must come from, at every level (with the runs
     * each level asks for, at least 4): as in SPIBB (Laroche et al., ICML 2019), a (pattern, worker) pair seen less
     * often than that keeps the lift's routing, whatever its few runs showed.
     */
    public static final int MIN_TASKS = 2;

    private enum Level {
        STRICT(6, 4, 0.9),
        MODERATE(4, 4, 0.75),
        LENIENT(4, 4, 0.6);

        final int preferRuns;
        final int avoidRuns;
        final double confidence;

        Level(int preferRuns, int avoidRuns, double confidence) {
            this.preferRuns = preferRuns;
            this.avoidRuns = avoidRuns;
            this.confidence = confidence;
        }
    }

    /** Whether warm-up failures become entries (avoid and constrain), or only successes do: the no-failures ablation. */
    public enum Failures {
        LEARNED,
        IGNORED
    }

    /**
     * How far an entry reaches. {@code PATTERNS}: entries for the patterns the warm-up probed, the choice for pools of
     * specialists such as the simulated worlds. {@code PATTERNS_AND_DEFAULT_ROUTE}: also, a worker better than the
     * incumbents across a whole round may become the default route for every task, and (with failures learned) each
     * level's candidate has a twin with the round's example entries added ({@code strict+examples}, ...); right for
     * pools of interchangeable generalists (models answering the same kinds of question), wrong for specialists,
     * whose warm-up covers their own scope only, so a default learned there would send them everything, and the gate,
     * which scores the warm-up tasks, cannot see it.
     */
    public enum Reach {
        PATTERNS,
        PATTERNS_AND_DEFAULT_ROUTE
    }

    private final boolean includeFailures;
    private final boolean defaultRoutes;

    /** The distiller for pools of specialists: failures learned, entries per probed pattern. */
    public EvidenceDistiller() {
        this(Failures.LEARNED, Reach.PATTERNS);
    }

    /**
     * A distiller with the given modes.
     *
     * @param failures whether failures become avoid and constrain entries ({@link Failures#IGNORED} is the ablation)
     * @param reach whether a round may also learn a default route ({@link Reach#PATTERNS_AND_DEFAULT_ROUTE}, for
     *     generalists)
     */
    public EvidenceDistiller(Failures failures, Reach reach) {
        this.includeFailures = failures == Failures.LEARNED;
        this.defaultRoutes = reach == Reach.PATTERNS_AND_DEFAULT_ROUTE;
    }

    @Override
    public List<CandidateMemory> distill(
            EvidenceTable evidence, List<AgentId> newcomers, PolicyRouter lift, MemoryVersion version) {
        // the incumbent of each pattern is the same for every candidate level: ask the lift once
        Map<Integer, AgentId> incumbents = new HashMap<>();
        evidence.patterns().forEach(pattern -> incumbents.put(pattern.index(), incumbent(pattern, lift)));
        List<CandidateMemory> candidates = new ArrayList<>();
        if (includeFailures) {
            candidates.add(new CandidateMemory(
                    "avoid-only", entries(evidence, newcomers, incumbents, version, Level.STRICT, false)));
        }
        // the comparisons behind a default route are the same at every level: make them once
        Map<AgentId, Comparison> comparisons = defaultRoutes ? comparisons(evidence, incumbents) : Map.of();
        List<MemoryEntry> examples = defaultRoutes && includeFailures ? examples(evidence, version) : List.of();
        for (Level level : Level.values()) {
            List<MemoryEntry> entries = new ArrayList<>(entries(evidence, newcomers, incumbents, version, level, true));
            if (defaultRoutes) {
                defaultEntry(comparisons, version, level).ifPresent(entries::add);
            }
            String name = level.name().toLowerCase(Locale.ROOT);
            candidates.add(new CandidateMemory(name, entries));
            if (!examples.isEmpty()) {
                List<MemoryEntry> withExamples = new ArrayList<>(entries);
                withExamples.addAll(examples);
                candidates.add(new CandidateMemory(name + "+examples", withExamples));
            }
        }
        // the widest candidate's entries, with the new workers validated
        candidates.add(CandidateMemory.cards(candidates.getLast().added(), newcomers));
        return candidates;
    }

    private List<MemoryEntry> entries(
            EvidenceTable evidence,
            List<AgentId> newcomers,
            Map<Integer, AgentId> incumbents,
            MemoryVersion version,
            Level level,
            boolean prefers) {
        boolean graded = graded(evidence);
        String measure = measure(evidence);
        List<MemoryEntry> out = new ArrayList<>();
        for (PatternEvidence pattern : evidence.patterns()) {
            AgentId incumbent = incumbents.get(pattern.index());
            Map<AgentId, PatternEvidence.WorkerStats> all = pattern.stats(run -> true);
            PatternEvidence.WorkerStats incumbentStats = all.get(incumbent);
            double incumbentRate = incumbentStats == null ? pattern.meanRate() : incumbentStats.rate();
            String prefix = "%s-p%d".formatted(version, pattern.index()).toLowerCase(Locale.ROOT);
            List<AgentId> workers =
                    new ArrayList<>(newcomers.stream().filter(all::containsKey).toList());
            all.keySet().stream().filter(id -> !workers.contains(id)).sorted().forEach(workers::add);
            for (AgentId worker : workers) {
                if (worker.equals(incumbent)) {
                    continue;
                }
                boolean isNew = newcomers.contains(worker);
                PatternEvidence.WorkerStats stats = Objects.requireNonNull(all.get(worker));
                Set<AgentId> refusedAfter = new TreeSet<>();
                if (isNew) {
                    stats.byProducer().forEach((producer, counts) -> {
                        if (counts[0] >= 2 && counts[2] >= CONSTRAIN_SHARE * counts[0]) {
                            refusedAfter.add(producer);
                        }
                    });
                }
                if (includeFailures && !refusedAfter.isEmpty()) {
                    List<WarmupRun> refusedRuns = pattern.runs().stream()
                            .filter(run -> run.probed().equals(worker)
                                    && run.producers().stream().anyMatch(refusedAfter::contains))
                            .toList();
                    int passed =
                            (int) refusedRuns.stream().filter(WarmupRun::passed).count();
                    String rule = String.format(
                            Locale.ROOT,
                            "Do not hand %s the output of %s for steps like '%s': it refused %d of %d such handoffs (%s).",
                            worker,
                            join(refusedAfter),
                            pattern.example(),
                            refusedRuns.size() - passed,
                            refusedRuns.size(),
                            topFailure(stats));
                    out.add(new MemoryEntry(
                            MemoryEntryId.of(prefix + "-constrain-" + worker),
                            pattern.pattern(),
                            rule,
                            List.of(WorkerGuidance.constrain(worker, List.copyOf(refusedAfter))),
                            new Evidence(refusedRuns.stream().map(WarmupRun::id).toList(), passed, refusedRuns.size()),
                            level.confidence));
                }
                List<WarmupRun> usable = pattern.runs().stream()
                        .filter(run -> run.probed().equals(worker)
                                && run.producers().stream().noneMatch(refusedAfter::contains))
                        .toList();
                if (usable.isEmpty()) {
                    continue;
                }
                int n = usable.size();
                if (usable.stream()
                                .map(run -> run.warmup().task().id())
                                .distinct()
                                .count()
                        < MIN_TASKS) {
                    continue;
                }
                int s = (int) usable.stream().filter(WarmupRun::passed).count();
                double rewards =
                        usable.stream().mapToDouble(PatternEvidence::reward).sum();
                // scores are at most 1 each; the compensated sum cannot be let past n by a rounding
                double scores = Math.min(
                        n, usable.stream().mapToDouble(PatternEvidence::score).sum());
                double rate = rewards / n;
                // the Wilson interval of the mean score (the pass rate for pass/fail), moved by what the rewards take
                // off the scores (the weighted cost; 0 without one)
                Interval scored = Proportions.wilson(scores, n, Proportions.Z95);
                double shift = (rewards - scores) / n;
                Interval ci = shift == 0 ? scored : new Interval(scored.low() + shift, scored.high() + shift);
                List<String> cited = usable.stream().map(WarmupRun::id).toList();
                boolean better = switch (level) {
                    case STRICT -> n >= level.preferRuns && ci.low() > incumbentRate;
                    case MODERATE -> n >= level.preferRuns && rate >= incumbentRate + 0.1;
                    case LENIENT -> n >= level.preferRuns && rate > incumbentRate;
                };
                boolean worse = isNew
                        && switch (level) {
                            case STRICT -> n >= level.avoidRuns && ci.high() < incumbentRate;
                            case MODERATE -> n >= level.avoidRuns && rate <= incumbentRate - 0.1;
                            case LENIENT -> n >= level.avoidRuns && rate < incumbentRate;
                        };
                double confidence = level.confidence * n / (n + 2.0);
                if (better && prefers) {
                    String rule = graded
                            ? String.format(
                                    Locale.ROOT,
                                    "Send steps like '%s' to %s: its mean %s over %d warm-up runs was %.3f"
                                            + " (95%% CI %.2f-%.2f), against %.3f for %s.",
                                    pattern.example(),
                                    worker,
                                    measure,
                                    n,
                                    rate,
                                    ci.low(),
                                    ci.high(),
                                    incumbentRate,
                                    incumbent)
                            : String.format(
                                    Locale.ROOT,
                                    "Send steps like '%s' to %s: it passed %d of %d warm-up runs"
                                            + " (%.0f%%, 95%% CI %.2f-%.2f), against %.0f%% for %s.",
                                    pattern.example(),
                                    worker,
                                    s,
                                    n,
                                    100 * rate,
                                    ci.low(),
                                    ci.high(),
                                    100 * incumbentRate,
                                    incumbent);
                    out.add(new MemoryEntry(
                            MemoryEntryId.of(prefix + "-prefer-" + worker),
                            pattern.pattern(),
                            rule,
                            List.of(WorkerGuidance.prefer(worker)),
                            new Evidence(cited, s, n),
                            confidence));
                } else if (worse && includeFailures) {
                    String rule = graded
                            ? String.format(
                                    Locale.ROOT,
                                    "Do not send steps like '%s' to %s: its mean %s over %d warm-up runs"
                                            + " was %.3f (95%% CI %.2f-%.2f; %d below the pass mark%s), against %.3f for %s.",
                                    pattern.example(),
                                    worker,
                                    measure,
                                    n,
                                    rate,
                                    ci.low(),
                                    ci.high(),
                                    n - s,
                                    s == n ? "" : ": " + failures(usable),
                                    incumbentRate,
                                    incumbent)
                            : String.format(
                                    Locale.ROOT,
                                    "Do not send steps like '%s' to %s: it failed %d of %d warm-up runs (%s); %s passed %.0f%%.",
                                    pattern.example(),
                                    worker,
                                    n - s,
                                    n,
                                    failures(usable),
                                    incumbent,
                                    100 * incumbentRate);
                    out.add(new MemoryEntry(
                            MemoryEntryId.of(prefix + "-avoid-" + worker),
                            pattern.pattern(),
                            rule,
                            List.of(WorkerGuidance.avoid(worker)),
                            new Evidence(cited, s, n),
                            confidence));
                }
            }
        }
        return out;
    }

    /**
     * A default route: a worker clearly better than the incumbents, judged by its advantage over the incumbent on
     * each pattern where both ran (the incumbent itself counting as no advantage, so a worker is not judged only
     * where it lost). The worker must have been compared on at least {@value #DEFAULT_MIN_PATTERNS} patterns and
     * on {@value #DEFAULT_MIN_SHARE} of the most any worker was compared on, so that a worker a shuffled sample
     * reached a few times cannot take every task. "Clearly" per level: strict, the mean advantage is above
     * {@value #Z_ONE_SIDED_95} standard errors; moderate, above one; lenient, above zero. Among several, the
     * largest mean less one standard error wins (against the winner's curse). Where it is clearly worse on a
     * pattern, that pattern's avoid entry still applies on top. Its pattern is {@link MemoryEntry#ANY_TASK}; at
     * most one per round.
     */
    private Optional<MemoryEntry> defaultEntry(
            Map<AgentId, Comparison> comparisons, MemoryVersion version, Level level) {
        int most = comparisons.values().stream().mapToInt(c -> c.patterns).max().orElse(0);
        AgentId best = null;
        double bestRank = Double.NEGATIVE_INFINITY;
        for (Map.Entry<AgentId, Comparison> e : comparisons.entrySet()) {
            Comparison c = e.getValue();
            boolean broad = c.patterns >= Math.max(DEFAULT_MIN_PATTERNS, DEFAULT_MIN_SHARE * most)
                    && c.trials >= DEFAULT_RUNS_PER_LEVEL * level.preferRuns;
            double mean = c.mean();
            double se = c.standardError();
            boolean better = switch (level) {
                case STRICT -> mean - Z_ONE_SIDED_95 * se > 0;
                case MODERATE -> mean - se > 0;
                case LENIENT -> mean > 0;
            };
            if (broad && better && mean - se > bestRank) {
                best = e.getKey();
                bestRank = mean - se;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        Comparison c = Objects.requireNonNull(comparisons.get(best));
        if (c.graded) {
            Interval scored = Proportions.wilson(c.scores, c.trials, Proportions.Z95);
            double shift = (c.rewards - c.scores) / c.trials;
            String rule = String.format(
                    Locale.ROOT,
                    "By default send any task to %s unless a more specific entry says otherwise:"
                            + " on %d task patterns where both ran its mean %s over %d warm-up runs was %.3f (95%% CI %.2f-%.2f),"
                            + " against %.3f over %d for the workers chosen before (mean advantage %+.3f, standard error %.3f).",
                    best,
                    c.patterns,
                    c.measure,
                    c.trials,
                    c.rewards / c.trials,
                    scored.low() + shift,
                    scored.high() + shift,
                    c.incumbentRewards / c.incumbentTrials,
                    c.incumbentTrials,
                    c.mean(),
                    c.standardError());
            MemoryEntryId id = MemoryEntryId.of(
                    ("%s-any-prefer-" + best).formatted(version).toLowerCase(Locale.ROOT));
            return Optional.of(new MemoryEntry(
                    id,
                    MemoryEntry.ANY_TASK,
                    rule,
                    List.of(WorkerGuidance.prefer(best)),
                    new Evidence(c.traces, c.successes, c.trials),
                    level.confidence * c.trials / (c.trials + 2.0)));
        }
        Interval ci = Proportions.wilson(c.successes, c.trials, Proportions.Z95);
        String rule = String.format(
                Locale.ROOT,
                "By default send any task to %s unless a more specific entry says otherwise: on %d task patterns where both ran it passed %d of %d warm-up runs (%.0f%%, 95%% CI %.2f-%.2f), against %d of %d for the workers chosen before (mean advantage %+.3f, standard error %.3f).",
                best,
                c.patterns,
                c.successes,
                c.trials,
                100.0 * c.successes / c.trials,
                ci.low(),
                ci.high(),
                c.incumbentSuccesses,
                c.incumbentTrials,
                c.mean(),
                c.standardError());
        return Optional.of(new MemoryEntry(
                MemoryEntryId.of(("%s-any-prefer-" + best).formatted(version).toLowerCase(Locale.ROOT)),
                MemoryEntry.ANY_TASK,
                rule,
                List.of(WorkerGuidance.prefer(best)),
                new Evidence(c.traces, c.successes, c.trials),
                level.confidence * c.trials / (c.trials + 2.0)));
    }

    static final int EXAMPLE_WORDS = 40;
    static final double EXAMPLE_CONFIDENCE = 0.2;

    /**
     * One example entry per warm-up task on which the workers that ran it disagreed: it prefers those that passed it
     * (in at least one run) and avoids those that failed it in every run, so that a router can tell "failed here"
     * from "not tried here". Its pattern is {@link MemoryEntry#EXAMPLE} and the first {@value #EXAMPLE_WORDS}
     * content words of the probed step, unstemmed (the router stems them); its confidence,
     * {@value #EXAMPLE_CONFIDENCE}, is the lenient level's 0.6 scaled by n/(n+2) for one run, so an example is one
     * vote among its neighbours, never a rule on its own. Patterns of generalists are mostly one task each, which
     * the coverage rule of ordinary entries cannot carry to other tasks; examples are how that evidence reaches
     * the steps most like it. Only written with failures included: without the avoid side an example could not
     * say whom it compared.
     */
    private static List<MemoryEntry> examples(EvidenceTable evidence, MemoryVersion version) {
        boolean graded = graded(evidence);
        String measure = measure(evidence);
        Map<String, List<WarmupRun>> byTask = new LinkedHashMap<>();
        for (PatternEvidence pattern : evidence.patterns()) {
            for (WarmupRun run : pattern.runs()) {
                byTask.computeIfAbsent(run.warmup().task().id().value(), k -> new ArrayList<>())
                        .add(run);
            }
        }
        List<MemoryEntry> out = new ArrayList<>();
        int index = 0;
        for (List<WarmupRun> runs : byTask.values()) {
            index++;
            // each worker's best reward on the task: the best are preferred, the others avoided (for pass/fail, those
            // that passed in at least one run against those that failed in every run)
            Map<AgentId, Double> bestReward = new TreeMap<>();
            for (WarmupRun run : runs) {
                bestReward.merge(run.probed(), PatternEvidence.reward(run), Math::max);
            }
            double top = bestReward.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .max()
                    .orElse(0);
            Set<AgentId> passed = new TreeSet<>();
            Set<AgentId> failed = new TreeSet<>();
            bestReward.forEach((worker, reward) -> (reward == top ? passed : failed).add(worker));
            if (passed.isEmpty() || failed.isEmpty()) {
                continue;
            }
            String text = EvidenceTable.probedText(runs.getFirst());
            List<String> words = Words.unstemmed(text);
            if (words.isEmpty()) {
                continue;
            }
            String pattern =
                    MemoryEntry.EXAMPLE + String.join(" ", words.subList(0, Math.min(EXAMPLE_WORDS, words.size())));
            String others = failed.stream()
                    .map(worker -> String.format(Locale.ROOT, "%.3f", bestReward.get(worker)))
                    .collect(Collectors.joining(", "));
            String rule = graded
                    ? String.format(
                            Locale.ROOT,
                            "For steps like '%s': %s had the best %s on this warm-up task (%.3f), %s less (%s).",
                            shorten(text),
                            join(passed),
                            measure,
                            top,
                            join(failed),
                            others)
                    : String.format(
                            Locale.ROOT,
                            "For steps like '%s': %s passed this warm-up task, %s failed it.",
                            shorten(text),
                            join(passed),
                            join(failed));
            int successes = (int) runs.stream().filter(WarmupRun::passed).count();
            List<WorkerGuidance> guidance =
                    new ArrayList<>(passed.stream().map(WorkerGuidance::prefer).toList());
            failed.forEach(worker -> guidance.add(WorkerGuidance.avoid(worker)));
            out.add(new MemoryEntry(
                    MemoryEntryId.of("%s-e%d".formatted(version, index).toLowerCase(Locale.ROOT)),
                    pattern,
                    rule,
                    guidance,
                    new Evidence(runs.stream().map(WarmupRun::id).toList(), successes, runs.size()),
                    EXAMPLE_CONFIDENCE));
        }
        return out;
    }

    /**
     * Whether the round's rewards are more than passes: graded scores, or a weighted cost taken off. Rules then speak
     * of mean scores or rewards; for plain pass/fail they speak of passes, as they always did.
     */
    static boolean graded(EvidenceTable evidence) {
        return evidence.patterns().stream()
                .flatMap(pattern -> pattern.runs().stream())
                .anyMatch(run -> !PatternEvidence.passFail(run));
    }

    /** What the rules call the reward: "reward" when a cost is taken off the scores, else "score". */
    static String measure(EvidenceTable evidence) {
        boolean costed = evidence.patterns().stream()
                .flatMap(pattern -> pattern.runs().stream())
                .anyMatch(run -> PatternEvidence.reward(run) != PatternEvidence.score(run));
        return costed ? "reward" : "score";
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 120 ? flat : flat.substring(0, 117) + "...";
    }

    /** Every worker against the incumbent of each pattern where both ran, in worker order. */
    private static Map<AgentId, Comparison> comparisons(EvidenceTable evidence, Map<Integer, AgentId> incumbents) {
        boolean graded = graded(evidence);
        String measure = measure(evidence);
        Map<AgentId, Comparison> comparisons = new TreeMap<>();
        for (PatternEvidence pattern : evidence.patterns()) {
            Map<AgentId, PatternEvidence.WorkerStats> all = pattern.stats(run -> true);
            PatternEvidence.WorkerStats theirs = all.get(incumbents.get(pattern.index()));
            if (theirs != null) {
                all.forEach((worker, mine) -> comparisons
                        .computeIfAbsent(worker, k -> new Comparison(graded, measure))
                        .add(mine, theirs));
            }
        }
        return comparisons;
    }

    /** A worker against the incumbents, pattern by pattern. */
    private static final class Comparison {
        final boolean graded;
        final String measure;
        int patterns;
        double rewards;
        double scores;
        double incumbentRewards;
        double sum;
        double sumOfSquares;
        int successes;
        int trials;
        int incumbentSuccesses;
        int incumbentTrials;
        final List<String> traces = new ArrayList<>();

        Comparison(boolean graded, String measure) {
            this.graded = graded;
            this.measure = measure;
        }

        void add(PatternEvidence.WorkerStats mine, PatternEvidence.WorkerStats incumbent) {
            double d = mine.rate() - incumbent.rate();
            patterns++;
            sum += d;
            sumOfSquares += d * d;
            successes += mine.successes();
            trials += mine.trials();
            incumbentSuccesses += incumbent.successes();
            incumbentTrials += incumbent.trials();
            rewards += mine.rewards();
            scores += mine.scores();
            incumbentRewards += incumbent.rewards();
            traces.addAll(mine.traces());
        }

        double mean() {
            return sum / patterns;
        }

        /** The standard error of the mean advantage; infinite below two patterns. */
        double standardError() {
            if (patterns < 2) {
                return Double.POSITIVE_INFINITY;
            }
            double m = patterns;
            double variance = Math.max(0, (sumOfSquares - m * mean() * mean()) / (m - 1));
            return Math.sqrt(variance / m);
        }
    }

    static final int DEFAULT_MIN_PATTERNS = 5;
    static final double DEFAULT_MIN_SHARE = 0.4;
    static final double Z_ONE_SIDED_95 = 1.645;
    static final int DEFAULT_RUNS_PER_LEVEL = 3;

    /** The worker the lift chooses most often at this pattern's probed steps: what a new entry must beat. */
    static AgentId incumbent(PatternEvidence pattern, PolicyRouter lift) {
        Map<AgentId, Integer> votes = new TreeMap<>();
        for (WarmupRun run : pattern.runs()) {
            var task = run.warmup().task();
            AgentId choice = lift.policy(task, task.subtasks().get(run.warmup().probedStep()), run.producers())
                    .argmax();
            votes.merge(choice, 1, Integer::sum);
        }
        return votes.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
    }

    private static String failures(List<WarmupRun> runs) {
        Map<String, Long> counts = runs.stream()
                .filter(run -> !run.passed())
                .collect(Collectors.groupingBy(PatternEvidence::signature, TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(3)
                .map(e -> e.getKey() + " x" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String topFailure(PatternEvidence.WorkerStats stats) {
        return stats.failures().entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse("no failure recorded");
    }

    private static String join(Set<AgentId> ids) {
        return ids.stream().map(AgentId::value).collect(Collectors.joining(", "));
    }
}
