package dev.monoscale.app.cli;

import dev.monoscale.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks, before any work starts, that the files a command will write can be written: a benchmark that runs for a
 * minute must not find out at the end that its output folder is read-only.
 */
final class Outputs {

    private static final String DIRECTORY =
            "a directory that exists or can be created, and that this user can write to";

    private Outputs() {}

    /**
     * Creates {@code dir} when absent and writes (then deletes) a probe file in it.
     *
     * @throws InvalidInputException naming {@code flag} when that fails
     */
    static void writableDirectory(String flag, Path dir) {
        probe(dir).ifPresent(why -> {
            throw new InvalidInputException(flag, name(flag), "'%s' (%s)".formatted(dir, why), DIRECTORY);
        });
    }

    /**
     * Checks that {@code file} can be written: its folder is writable and it is not a folder itself.
     *
     * @throws InvalidInputException naming {@code flag} when it cannot
     */
    static void writableFile(String flag, Path file) {
        String allowed = "a file path in " + DIRECTORY;
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(flag, name(flag), "'%s' (a directory)".formatted(file), allowed);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            probe(parent).ifPresent(why -> {
                throw new InvalidInputException(flag, name(flag), "'%s' (%s)".formatted(file, why), allowed);
            });
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new InvalidInputException(flag, name(flag), "'%s' (not writable)".formatted(file), allowed);
        }
    }

    /** Why nothing can be written in {@code dir}, or empty when a probe file could be. */
    private static Optional<String> probe(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".monoscale-probe-", ".tmp");
            Files.delete(probe);
            return Optional.empty();
        } catch (IOException | InvalidPathException | UnsupportedOperationException | SecurityException e) {
            return Optional.of(reason(e));
        }
    }

    private static String name(String flag) {
        return flag.replaceFirst("^--", "");
    }

    private static String reason(Exception e) {
        String at = e instanceof FileSystemException fs && fs.getFile() != null ? " at " + fs.getFile() : "";
        return switch (e) {
            case FileAlreadyExistsException x -> "a file is in the way" + at;
            case AccessDeniedException x -> "permission denied" + at;
            case NoSuchFileException x -> "no such folder" + at;
            case FileSystemException fs when fs.getReason() != null -> fs.getReason() + at;
            default -> String.valueOf(e.getMessage());
        };
    }
}
