package dev.monoscale.routing;

import dev.monoscale.core.AgentId;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.memory.WorkerGuidance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which memory entries apply to a step (DESIGN.md §5), for any router that reads memory: the best by BM25 among
 * the entries whose pattern the step covers enough ({@link MemoryRouterConfig#minCoverage()}), at most top-K of
 * them, within the token budget K (about four characters a token of pattern and rule). The memory's last
 * default route ({@code *}) is kept apart: it applies to every step. Built once per memory version; thread-safe.
 */
public final class MemoryRetrieval {

    /** BM25 hits looked at per top-K slot before the coverage filter. */
    private static final int CANDIDATES_PER_SLOT = 4;

    private final EntryIndex index;
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
        this.index = EntryIndex.of(entries.stream().filter(entry -> !entry.isDefault()).toList());
        List<MemoryEntry> defaults = entries.stream().filter(MemoryEntry::isDefault).toList();
        this.defaultRoute = defaults.isEmpty() ? Optional.empty() : Optional.of(defaults.getLast());
        this.formerDefaults = defaults.stream().limit(Math.max(0, defaults.size() - 1))
                .flatMap(entry -> entry.guidance().stream().map(WorkerGuidance::worker)).distinct().toList();
        this.config = config;
    }

    public static MemoryRetrieval of(RoutingMemory memory, MemoryRouterConfig config) {
        return new MemoryRetrieval(memory.entries(), config);
    }

    /** The entries that apply to {@code stepText}, best first; coverage is checked before the budget, so entries for other patterns never crowd out the ones that apply. */
    public List<Retrieved> retrieve(String stepText) {
        return hits(stepText).stream().map(hit -> new Retrieved(hit.entry(), hit.relevance(), hit.coverage())).toList();
    }

    /** The memory's current default route, if it has one. */
    public Optional<MemoryEntry> defaultRoute() {
        return defaultRoute;
    }

    /** The workers of the memory's earlier default routes, replaced by the current one, in memory order. */
    public List<AgentId> formerDefaults() {
        return formerDefaults;
    }

    List<EntryIndex.Hit> hits(String stepText) {
        List<EntryIndex.Hit> kept = new ArrayList<>();
        int tokens = 0;
        for (EntryIndex.Hit hit : index.search(stepText, config.topK() * CANDIDATES_PER_SLOT)) {
            if (hit.coverage() < config.minCoverage()) {
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
}
