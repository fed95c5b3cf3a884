package dev.monoscale.replay;

import dev.monoscale.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** The committed dataset cuts (the fixtures of {@code monoscale-test-support}), and broken copies of them. */
final class ReplayFixtures {

    static final String MMLU = "mmlu-pro-routing";
    static final String LLMROUTER = "llmrouter-14task";

    private ReplayFixtures() {}

    static Path fixture(String name) {
        return TestData.fixture(name);
    }

    /** Copies the fixture into {@code dir/name} so a test can break one of its files. */
    static Path copy(String name, Path dir) {
        Path target = dir.resolve(name);
        try (Stream<Path> files = Files.list(fixture(name))) {
            Files.createDirectories(target);
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("copying fixture " + name + " to " + dir, e);
        }
        return target;
    }

    /** Rewrites line {@code lineNo} (1-based) of {@code file}. */
    static void editLine(Path file, int lineNo, UnaryOperator<String> edit) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file));
            lines.set(lineNo - 1, edit.apply(lines.get(lineNo - 1)));
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("editing " + file, e);
        }
    }

    /** Replaces the cell under header {@code column} of CSV line {@code lineNo}. */
    static void editCell(Path file, int lineNo, String column, String value) {
        int index;
        try (Stream<String> lines = Files.lines(file)) {
            index = List.of(lines.findFirst().orElseThrow().split(",", -1)).indexOf(column);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the header of " + file, e);
        }
        if (index < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + file);
        }
        editLine(file, lineNo, line -> {
            String[] cells = line.split(",", -1);
            cells[index] = value;
            return String.join(",", cells);
        });
    }
}
