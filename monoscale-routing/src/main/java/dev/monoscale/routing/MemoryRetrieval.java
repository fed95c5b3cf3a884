package dev.monoscale.routing;

import dev.monoscale.core.AgentId;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.memory.Stance;
import dev.monoscale.memory.WorkerGuidance;
import dev.monoscale.text.Words;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which memory entries apply to a step (DESIGN.md §5), for any router that reads memory.
 *
 * <ul>
 *   <li><b>Pattern entries:</b> the best by BM25 among the entries whose pattern the step covers enough
 *       ({@link MemoryRouterConfig#minCoverage()}), at most top-K of them, within the token budget (about four
 *       characters a token of pattern and rule).
 *   <li><b>Default route:</b> the memory's last {@code *} entry is kept apart: it applies to every step.
 *   <li><b>Example entries</b> ({@link MemoryEntry#isExample()}): last, among the 2n + 2 examples nearest by
 *       BM25, those whose words the step covers at least {@link MemoryRouterConfig#exampleCoverage()}, at most n =
 *       {@link MemoryRouterConfig#examples()}, outside the token budget. When the memory has a default route,
 *       only the examples that compared its worker apply: an example from before that worker joined says nothing
 *       about it, and would pull steps away from the worker the round judged best without having seen it.
 * </ul>
 * Built once per memory version; thread-safe.
 */
public final class MemoryRetrieval {

    /** BM25 hits looked at per top-K slot before the coverage filter. */
    private static final int CANDIDATES_PER_SLOT = 4;

    private final EntryIndex index;
    private final EntryIndex examples;
    private final List<Endorsement> endorsements;
    /** The endorsements grouped by their pattern's words, and each group under every one of its words. */
    private final Map<String, List<EndorsementGroup>> endorsementsByWord;

    private final Optional<MemoryEntry> defaultRoute;
    private final List<AgentId> formerDefaults;
    private final MemoryRouterConfig config;

    /**
     * An entry that applies to a step.
     *
     * @param relevance the BM25 score of the entry's pattern for the step
     * @param coverage the share of the pattern's content words that the step contains, in [0, 1]
     */
    public record Retrieved(MemoryEntry entry, double relevance, double coverage) {}

    private MemoryRetrieval(List<MemoryEntry> entries, MemoryRouterConfig config) {
        List<MemoryEntry> defaults =
                entries.stream().filter(MemoryEntry::isDefault).toList();
        this.defaultRoute = defaults.isEmpty() ? Optional.empty() : Optional.of(defaults.getLast());
        this.formerDefaults = defaults.stream()
                .limit(Math.max(0, defaults.size() - 1))
                .flatMap(entry -> entry.guidance().stream().map(WorkerGuidance::worker))
                .distinct()
                .toList();
        Optional<AgentId> current =
                defaultRoute.map(entry -> entry.guidance().getFirst().worker());
        this.index = EntryIndex.of(entries.stream()
                .filter(entry -> !entry.isDefault() && !entry.isExample())
                .toList());
        this.examples = EntryIndex.of(entries.stream()
                .filter(entry -> entry.isExample()
                        && current.map(worker -> mentions(entry, worker)).orElse(true))
                .toList());
        this.endorsements = entries.stream()
                .filter(entry -> !entry.isDefault() && !entry.isExample())
                .filter(entry -> entry.guidance().stream().anyMatch(guidance -> guidance.stance() == Stance.PREFER))
                .map(entry -> new Endorsement(entry, Words.set(entry.pattern())))
                .toList();
        Map<Set<String>, EndorsementGroup> groups = new LinkedHashMap<>();
        for (int i = 0; i < endorsements.size(); i++) {
            Endorsement endorsement = endorsements.get(i);
            int first = i;
            EndorsementGroup group = groups.computeIfAbsent(
                    endorsement.words(),
                    words -> new EndorsementGroup(first, words, new ArrayList<>(), new LinkedHashSet<>()));
            group.entries().add(endorsement.entry());
            endorsement.entry().guidance().stream()
                    .filter(guidance -> guidance.stance() == Stance.PREFER)
                    .forEach(guidance -> group.preferred().add(guidance.worker()));
        }
        this.endorsementsByWord = new HashMap<>();
        for (EndorsementGroup group : groups.values()) {
            group.words()
                    .forEach(word -> endorsementsByWord
                            .computeIfAbsent(word, w -> new ArrayList<>())
                            .add(group));
        }
        this.config = config;
    }

    /** A pattern entry that prefers a worker, with its pattern's words: what makes a worker usable at a step. */
    private record Endorsement(MemoryEntry entry, Set<String> words) {}

    /**
     * The endorsements whose patterns have the same words, with the workers they prefer (in memory order): a step
     * covers all of them or none, so one count decides for the group.
     */
    private record EndorsementGroup(int first, Set<String> words, List<MemoryEntry> entries, Set<AgentId> preferred) {}

    /** Leaves out no entry: the predicate of a decision on the whole memory. */
    static final Predicate<MemoryEntry> NONE = entry -> false;

    public static MemoryRetrieval of(RoutingMemory memory, MemoryRouterConfig config) {
        return new MemoryRetrieval(memory.entries(), config);
    }

    /**
     * The pattern entries that apply to {@code stepText}, best first; coverage is checked before the budget, so
     * entries for other patterns never crowd out the ones that apply. Examples are not among them: they are votes
     * for the {@link MemoryRouter}, which keeps them from unmasking a worker and can leave them out for the gate; a
     * router that offers every worker an entry prefers (the LLM router) must not read them as rules.
     */
    public List<Retrieved> retrieve(String stepText) {
        return patternHits(stepText, entry -> false).stream()
                .map(hit -> new Retrieved(hit.entry(), hit.relevance(), hit.coverage()))
                .toList();
    }

    /** The memory's current default route, if it has one. */
    public Optional<MemoryEntry> defaultRoute() {
        return defaultRoute;
    }

    /** The workers of the memory's earlier default routes, replaced by the current one, in memory order. */
    public List<AgentId> formerDefaults() {
        return formerDefaults;
    }

    /**
     * The workers that some pattern entry prefers for {@code stepText}, as if the memory lacked the entries
     * {@code left} accepts: every entry whose pattern the step covers counts, whether or not it is among the top K
     * or within the token budget. The cut decides how much entries move scores, never which workers are usable, so
     * adding entries to a memory can only add usable workers: a candidate memory never takes all probability from a
     * worker its parent routed to, and KL(lift ‖ candidate) stays finite.
     */
    @SuppressWarnings("ReferenceEquality") // NONE is a sentinel, compared by instance
    Set<AgentId> endorsed(String stepText, Predicate<MemoryEntry> left) {
        if (endorsements.isEmpty()) {
            return Set.of();
        }
        // the groups that share a word with the step, with how many of their words it has: Words.coverage, found
        // through the word index so that a memory of 100,000 entries costs the groups the step touches, not a scan
        java.util.IdentityHashMap<EndorsementGroup, Integer> common = new java.util.IdentityHashMap<>();
        for (String word : Words.set(stepText)) {
            for (EndorsementGroup group : endorsementsByWord.getOrDefault(word, List.of())) {
                common.merge(group, 1, Integer::sum);
            }
        }
        List<EndorsementGroup> covered = new ArrayList<>();
        common.forEach((group, count) -> {
            if ((double) count / group.words().size() >= config.minCoverage()) {
                covered.add(group);
            }
        });
        covered.sort(java.util.Comparator.comparingInt(EndorsementGroup::first));
        Set<AgentId> usable = new LinkedHashSet<>();
        for (EndorsementGroup group : covered) {
            if (left == NONE) {
                usable.addAll(group.preferred());
                continue;
            }
            for (MemoryEntry entry : group.entries()) {
                if (!left.test(entry)) {
                    entry.guidance().stream()
                            .filter(guidance -> guidance.stance() == Stance.PREFER)
                            .forEach(guidance -> usable.add(guidance.worker()));
                }
            }
        }
        return usable;
    }

    /**
     * Everything that applies to {@code stepText}, as if the memory lacked the entries {@code left} accepts, in the
     * order a router must apply them: the pattern entries, the default route (coverage 1), then the examples.
     */
    List<EntryIndex.Hit> hits(String stepText, Predicate<MemoryEntry> left) {
        List<EntryIndex.Hit> kept = new ArrayList<>(patternHits(stepText, left));
        defaultRoute.ifPresent(entry -> kept.add(new EntryIndex.Hit(entry, 0, 1.0)));
        if (config.examples() > 0) {
            int found = 0;
            for (EntryIndex.Hit hit : examples.search(stepText, 2 * config.examples() + 2)) {
                if (found == config.examples()) {
                    break;
                }
                if (hit.coverage() >= config.exampleCoverage() && !left.test(hit.entry())) {
                    kept.add(hit);
                    found++;
                }
            }
        }
        return kept;
    }

    private List<EntryIndex.Hit> patternHits(String stepText, Predicate<MemoryEntry> left) {
        List<EntryIndex.Hit> kept = new ArrayList<>();
        int tokens = 0;
        for (EntryIndex.Hit hit : index.search(stepText, config.topK() * CANDIDATES_PER_SLOT)) {
            if (hit.coverage() < config.minCoverage() || left.test(hit.entry())) {
                continue;
            }
            int cost = (hit.entry().pattern().length() + hit.entry().rule().length() + 3) / 4;
            if (tokens + cost > config.tokenBudget() || kept.size() == config.topK()) {
                break;
            }
            tokens += cost;
            kept.add(hit);
        }
        return kept;
    }

    private static boolean mentions(MemoryEntry entry, AgentId worker) {
        return entry.guidance().stream().anyMatch(guidance -> guidance.worker().equals(worker));
    }
}
