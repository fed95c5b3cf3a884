package dev.monoscale.app.cli;

import dev.monoscale.core.InvalidInputException;

/** The output formats every reporting command offers. */
final class Formats {

    private Formats() {}

    /** @throws InvalidInputException unless {@code format} is {@code table} or {@code json} */
    static void check(String format) {
        if (!format.equals("table") && !format.equals("json")) {
            throw new InvalidInputException("--format", "format", "'" + format + "'", "table or json");
        }
    }
}
