package dev.monoscale.app.cli;

import dev.monoscale.core.InvalidInputException;
import picocli.CommandLine.Option;

/**
 * {@code --format}, declared once for every command that reports ({@code table} for people, {@code json} for scripts:
 * one document on stdout, docs/json.md), with its one check.
 */
final class Formats {

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    String format = "table";

    /** @throws InvalidInputException unless the format is {@code table} or {@code json} */
    void check() {
        if (!format.equals("table") && !format.equals("json")) {
            throw new InvalidInputException("--format", "format", "'" + format + "'", "table or json");
        }
    }

    /** Whether the output is one JSON document. */
    boolean json() {
        return format.equals("json");
    }
}
