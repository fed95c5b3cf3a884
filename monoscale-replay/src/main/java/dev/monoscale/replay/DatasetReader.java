package dev.monoscale.replay;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One on-disk layout of a replay dataset. A reader recognises its layout from the content of the folder's files (their
 * header or first row), not from file names alone, and reads it into models and clean questions.
 */
sealed interface DatasetReader permits GenericReader, LlmRouterReader, MmluProReader {

    /** The layout's name, as printed when a folder is read: {@code generic}, {@code llmrouter-14task}, ... */
    String layout();

    /** What a folder must hold to be read in this layout, for the message when no layout matches. */
    String requires();

    /** Whether the folder's content is in this layout. Never throws: a folder it cannot make sense of is not its. */
    boolean recognises(Path dir);

    /** Reads the folder; every malformed row, field or file is an {@code InvalidInputException}. */
    Read read(Path dir);

    /**
     * What a reader found.
     *
     * @param models every scored model, in the layout's order
     * @param costUnit the unit of {@link ReplayQuestion#cost()}, when the data has costs
     */
    record Read(List<String> models, List<ReplayQuestion> questions, Optional<String> costUnit) {
        public Read {
            models = List.copyOf(models);
            questions = List.copyOf(questions);
        }
    }
}
