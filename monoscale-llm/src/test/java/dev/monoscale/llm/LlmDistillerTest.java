package dev.monoscale.llm;

import static dev.monoscale.llm.Fixtures.AUDITOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.distillation.CandidateMemory;
import dev.monoscale.evidence.EvidenceTable;
import dev.monoscale.memory.MemoryVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the LLM distiller proposes besides the model's answers. */
class LlmDistillerTest {

    @Test
    void whenNoAnswerPassesItsChecksTheNewWorkersAreStillOfferedForValidation() {
        LlmDistiller distiller =
                new LlmDistiller(Answering.text(request -> "I cannot help"), "distill-model", 2, 0.7, 1);

        List<CandidateMemory> candidates = distiller.distill(
                EvidenceTable.of(List.of()), List.of(AUDITOR.id()), null, MemoryVersion.INITIAL.next());

        assertThat(candidates)
                .as("neither sample is JSON, so the one candidate is the cards one, with no entries")
                .containsExactly(new CandidateMemory(CandidateMemory.CARDS, List.of(), List.of(AUDITOR.id())));
        assertThat(distiller.notes()).hasSize(2).allMatch(note -> note.contains("is not the asked-for JSON"));
    }
}
