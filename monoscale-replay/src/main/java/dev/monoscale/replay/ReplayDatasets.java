package dev.monoscale.replay;

import dev.monoscale.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a replay dataset from its folder, keeping only the clean rows its layout defines. The layout is recognised
 * from the files' content (see {@link DatasetReader}): the generic format of docs/replay-format.md, the
 * llmrouter-14task layout, or the mmlu-pro-routing layout. The stages come from a stages file ({@link StagesFile}):
 * the one given, or the folder's {@code stages_and_anchors.json}, or its {@code stages.json}. Every malformed row,
 * unknown id or unknown model is an {@link InvalidInputException} naming the file, the line (and column) and the value.
 */
public final class ReplayDatasets {

    /** The stages file the shipped datasets hold. */
    public static final String STAGES_FILE = "stages_and_anchors.json";

    /** The stages file a user's dataset folder may hold instead. */
    public static final String PLAIN_STAGES_FILE = "stages.json";

    /** Output length assumed for every llmrouter-14task answer when estimating its cost. */
    public static final int ASSUMED_OUTPUT_TOKENS = 256;

    /** The readers, in the order they are tried; a folder more than one recognises is refused. */
    private static final List<DatasetReader> READERS =
            List.of(new GenericReader(), new LlmRouterReader(), new MmluProReader());

    private ReplayDatasets() {}

    /** Loads the dataset in {@code dir} with the stages of its own stages file. */
    public static ReplayDataset load(Path dir) {
        reader(dir); // a folder in no known layout says so before it is asked for stages
        return load(dir, defaultStages(dir));
    }

    public static ReplayDataset load(Path dir, Path stagesFile) {
        String name = dir.toAbsolutePath().normalize().getFileName().toString();
        DatasetReader reader = reader(dir);
        DatasetReader.Read read = reader.read(dir);
        for (Split split : Split.values()) {
            if (read.questions().stream().noneMatch(question -> question.split() == split)) {
                String label = split.name().toLowerCase(java.util.Locale.ROOT);
                throw new InvalidInputException(
                        dir.toString(),
                        "split",
                        "no clean " + label + " question",
                        "at least one dev and one test question (" + reader.layout() + " layout)");
            }
        }
        List<ReplayStage> stages = StagesFile.read(stagesFile, name, read.models());
        return new ReplayDataset(name, read.models(), read.questions(), stages, reader.layout(), read.costUnit());
    }

    /** The folder's stages file: {@code stages_and_anchors.json}, else {@code stages.json}. */
    public static Path defaultStages(Path dir) {
        Path shipped = dir.resolve(STAGES_FILE);
        Path plain = dir.resolve(PLAIN_STAGES_FILE);
        if (Files.isRegularFile(shipped)) {
            return shipped;
        }
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new InvalidInputException(
                dir.toString(),
                "(stages file)",
                "(missing)",
                PLAIN_STAGES_FILE + " or " + STAGES_FILE + " in the folder, or a file given with --stages");
    }

    /** The name of the layout {@code dir} is in. */
    public static String layout(Path dir) {
        return reader(dir).layout();
    }

    private static DatasetReader reader(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir.toString(), "(folder)", "(not a folder)", "a dataset folder");
        }
        List<DatasetReader> matching =
                READERS.stream().filter(reader -> reader.recognises(dir)).toList();
        if (matching.size() == 1) {
            return matching.getFirst();
        }
        if (matching.isEmpty()) {
            throw new InvalidInputException(
                    dir.toString(),
                    "(layout)",
                    "no file in a known layout (files: " + files(dir) + ")",
                    String.join(
                            "; or ",
                            READERS.stream().map(DatasetReader::requires).toList()));
        }
        throw new InvalidInputException(
                dir.toString(),
                "(layout)",
                "files in more than one layout: "
                        + matching.stream().map(DatasetReader::layout).toList(),
                "the files of one layout only");
    }

    private static String files(Path dir) {
        try (var entries = Files.list(dir)) {
            List<String> names =
                    entries.map(file -> file.getFileName().toString()).sorted().toList();
            String joined = String.join(", ", names.subList(0, Math.min(8, names.size())));
            return names.isEmpty() ? "none" : names.size() > 8 ? joined + ", ..." : joined;
        } catch (java.io.IOException e) {
            return "unreadable";
        }
    }
}
