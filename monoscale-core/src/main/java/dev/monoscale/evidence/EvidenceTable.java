package dev.monoscale.evidence;

import dev.monoscale.execution.WarmupRun;
import dev.monoscale.text.Words;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Warm-up runs grouped by task pattern. Probed steps whose content words overlap by at least
 * {@value #SAME_PATTERN} (Jaccard) with a pattern's first step join it; a pattern's text is the words at least
 * {@value #SHARED} of its steps contain, so slot values (a city, a year) drop out and the request remains.
 */
public record EvidenceTable(List<PatternEvidence> patterns) {

    static final double SAME_PATTERN = 0.4;
    static final double SHARED = 0.6;

    public EvidenceTable {
        patterns = List.copyOf(patterns);
    }

    public static EvidenceTable of(List<WarmupRun> runs) {
        List<List<WarmupRun>> groups = new ArrayList<>();
        int[] at = patternsOf(runs.stream().map(EvidenceTable::probedText).toList());
        for (int r = 0; r < runs.size(); r++) {
            if (at[r] == groups.size()) {
                groups.add(new ArrayList<>());
            }
            groups.get(at[r]).add(runs.get(r));
        }
        List<PatternEvidence> patterns = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            List<WarmupRun> group = groups.get(i);
            List<Set<String>> sets =
                    group.stream().map(run -> Words.set(probedText(run))).toList();
            Set<String> shared = new LinkedHashSet<>();
            for (String word : Words.of(probedText(group.getFirst()))) {
                long count = sets.stream().filter(set -> set.contains(word)).count();
                if (count >= SHARED * sets.size()) {
                    shared.add(word);
                }
            }
            if (shared.isEmpty()) {
                shared.addAll(sets.getFirst());
            }
            patterns.add(new PatternEvidence(i, String.join(" ", shared), probedText(group.getFirst()), shared, group));
        }
        return new EvidenceTable(patterns);
    }

    /**
     * The pattern each of {@code probedTexts} falls in, in order, as {@link #of} groups the runs that probed them:
     * the index of the first earlier text's pattern whose first text shares at least {@value #SAME_PATTERN} of its
     * content words (Jaccard), or the next new index. It reads words only, never an outcome, so a round may also
     * group its tasks before it runs them.
     */
    public static int[] patternsOf(List<String> probedTexts) {
        List<Set<String>> heads = new ArrayList<>();
        int[] at = new int[probedTexts.size()];
        for (int t = 0; t < probedTexts.size(); t++) {
            Set<String> words = Words.set(probedTexts.get(t));
            at[t] = -1;
            for (int i = 0; i < heads.size() && at[t] < 0; i++) {
                if (Words.jaccard(heads.get(i), words) >= SAME_PATTERN) {
                    at[t] = i;
                }
            }
            if (at[t] < 0) {
                heads.add(words);
                at[t] = heads.size() - 1;
            }
        }
        return at;
    }

    /**
     * The same patterns, each with only the runs {@code kept} accepts; a pattern left with no run is dropped. The
     * holdout gate groups every run of a round by its text (which says nothing of outcomes) and keeps the selection
     * half's runs for the distiller, so an entry's pattern is written from all the round's tasks, slot values and
     * all, and covers the held-out tasks of its kind as it will cover deployment's.
     */
    public EvidenceTable restrictedTo(java.util.function.Predicate<WarmupRun> kept) {
        List<PatternEvidence> restricted = new ArrayList<>();
        for (PatternEvidence pattern : patterns) {
            List<WarmupRun> runs = pattern.runs().stream().filter(kept).toList();
            if (!runs.isEmpty()) {
                restricted.add(new PatternEvidence(
                        pattern.index(), pattern.pattern(), pattern.example(), pattern.words(), runs));
            }
        }
        return new EvidenceTable(restricted);
    }

    /** The text of the step {@code run} probed. */
    public static String probedText(WarmupRun run) {
        return run.warmup().probedText();
    }
}
