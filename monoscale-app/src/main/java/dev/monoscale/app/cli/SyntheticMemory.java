package dev.monoscale.app.cli;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Task;
import dev.monoscale.memory.Evidence;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.MemoryEntryId;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.memory.WorkerGuidance;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.stats.Seeds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A memory of many plausible entries, for timing retrieval: patterns from the world's steps, stances on its workers. */
final class SyntheticMemory {

    private SyntheticMemory() {}

    static RoutingMemory of(SimWorld world, Pool pool, int count) {
        return of(world, pool.ids(), count);
    }

    /**
     * For a large pool: every even entry prefers one of the workers that joined after the initial pool, as
     * onboarding's entries do, and every odd entry avoids any worker of the pool, incumbents included (which
     * onboarding never writes, and which is what can make preselection choose otherwise than exhaustive scoring).
     */
    static RoutingMemory onJoiners(SimWorld world, Pool pool, int count) {
        java.util.Set<AgentId> initial =
                new java.util.HashSet<>(world.stages().getFirst().pool().ids());
        return of(world, pool.ids().stream().filter(id -> !initial.contains(id)).toList(), pool.ids(), count);
    }

    private static RoutingMemory of(SimWorld world, List<AgentId> ids, int count) {
        return of(world, ids, ids, count);
    }

    private static RoutingMemory of(SimWorld world, List<AgentId> preferred, List<AgentId> avoided, int count) {
        List<Task> tasks = world.evaluationTasks(Math.max(1, Math.min(count, 5_000)));
        List<MemoryEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Task task = tasks.get(i % tasks.size());
            String pattern = task.subtasks().get(i % task.subtasks().size()).text();
            boolean prefer = i % 2 == 0;
            List<AgentId> ids = prefer ? preferred : avoided;
            AgentId worker = ids.get((int) (Seeds.uniform(world.seed(), "synthetic-entry", i) * ids.size()));
            entries.add(new MemoryEntry(
                    MemoryEntryId.of("bench-" + i),
                    pattern,
                    (prefer ? "Send steps like '" : "Do not send steps like '") + pattern + "' to " + worker + ".",
                    List.of(prefer ? WorkerGuidance.prefer(worker) : WorkerGuidance.avoid(worker)),
                    new Evidence(List.of("bench-" + i + "#0"), prefer ? 1 : 0, 1),
                    0.5));
        }
        return RoutingMemory.initial(world.stages().getFirst().pool().ids(), Instant.EPOCH)
                .next(
                        world.stages().getFirst().pool().ids(),
                        entries,
                        new GateRecord(
                                GateRecord.Outcome.UNGATED,
                                "synthetic memory for timing",
                                List.of(),
                                0,
                                0,
                                0,
                                List.of(),
                                Optional.empty()),
                        Instant.EPOCH);
    }
}
