package dev.monoscale.core;

import java.util.Locale;

/**
 * Input from outside (a card, a world spec, a flag) that cannot be used. The message is one line that
 * names where the input came from, the field, the offending value and what is allowed.
 */
public final class InvalidInputException extends MonoscaleException {

    private final String source;
    private final String field;
    private final String value;
    private final String allowed;

    /**
     * A complaint about one input, whose message is {@code source: field = value; allowed: allowed}.
     *
     * @param source the file, URL or flag the input came from
     * @param field the field inside the source
     * @param value the offending value, as given
     * @param allowed what would have been accepted
     */
    public InvalidInputException(String source, String field, String value, String allowed) {
        super(String.format(Locale.ROOT, "%s: %s = %s; allowed: %s", source, field, value, allowed));
        this.source = source;
        this.field = field;
        this.value = value;
        this.allowed = allowed;
    }

    /**
     * A complaint about a required field that is absent; its value reads {@code (missing)}.
     *
     * @param source the file, URL or flag the input came from
     * @param field the missing field
     * @param allowed what would have been accepted
     * @return the exception, to throw
     */
    public static InvalidInputException missing(String source, String field, String allowed) {
        return new InvalidInputException(source, field, "(missing)", allowed);
    }

    /** The same complaint about input that came from {@code newSource}, such as the flag that set a config value. */
    public InvalidInputException from(String newSource) {
        return new InvalidInputException(newSource, field, value, allowed);
    }

    /**
     * The same complaint about input that came from {@code newSource} under the name {@code newField}, such as a
     * request's JSON field that set a config value.
     */
    public InvalidInputException at(String newSource, String newField) {
        return new InvalidInputException(newSource, newField, value, allowed);
    }

    /** The file, URL or flag the bad input came from. */
    public String source() {
        return source;
    }

    /** The path of the bad field inside the source, such as {@code workers[2].profile.skills.math}. */
    public String field() {
        return field;
    }
}
