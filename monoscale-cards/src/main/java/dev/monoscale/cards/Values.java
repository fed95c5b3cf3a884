package dev.monoscale.cards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Renders offending values for one-line error messages: quoted, escaped and cut to about 60 characters. */
public final class Values {

    public static final String MISSING = "(missing)";

    private static final int MAX_CODE_POINTS = 60;

    private Values() {}

    /** A JSON value as it should appear after {@code field =}: {@code (missing)}, {@code 'text'}, or compact JSON. */
    public static String render(@Nullable JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return MISSING;
        }
        if (node.isTextual()) {
            return quote(node.textValue());
        }
        return truncate(escape(node.toString()));
    }

    /** User text in single quotes, with control characters escaped so the message stays on one line. */
    public static String quote(String text) {
        return "'" + truncate(escape(text)) + "'";
    }

    /** Collapses every run of whitespace, newlines included, into one space and escapes other control characters. */
    public static String oneLine(String text) {
        return escape(text.replaceAll("\\s+", " ").strip());
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(Locale.ROOT, "\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    private static String truncate(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_CODE_POINTS) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_CODE_POINTS - 1)) + "…";
    }
}
