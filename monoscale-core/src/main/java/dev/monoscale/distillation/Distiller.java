package dev.monoscale.distillation;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.PolicyRouter;
import dev.monoscale.evidence.EvidenceTable;
import dev.monoscale.memory.MemoryVersion;
import java.util.List;

/**
 * Turns warm-up evidence into candidate memories of increasing reach (DESIGN.md §4.3). Every entry it writes
 * cites the runs it came from.
 */
public interface Distiller {

    /**
     * @param newcomers the workers this round onboards
     * @param lift the conservative lift, to name the incumbent each new worker is compared with
     * @param version the version the candidates would become, for entry ids
     */
    List<CandidateMemory> distill(
            EvidenceTable evidence, List<AgentId> newcomers, PolicyRouter lift, MemoryVersion version);
}
