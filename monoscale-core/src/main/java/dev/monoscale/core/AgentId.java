package dev.monoscale.core;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Stable, human-readable name of a worker, such as {@code doc-reader}. */
public record AgentId(String value) implements Comparable<AgentId> {

    private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");

    public AgentId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "agent id '%s' must be lower-case kebab-case matching %s".formatted(value, FORMAT));
        }
    }

    /**
     * The id {@code value}, such as {@code doc-reader}.
     *
     * @param value lower-case kebab-case, at most 80 characters
     * @return the id
     * @throws IllegalArgumentException if the value is not kebab-case
     */
    public static AgentId of(String value) {
        return new AgentId(value);
    }

    /** Turns a display name such as {@code "Air Ticketing Agent"} into an id such as {@code air-ticketing-agent}. */
    public static AgentId slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 80) {
            slug = slug.substring(0, 80).replaceAll("-+$", "");
        }
        if (slug.isEmpty()) {
            throw new IllegalArgumentException("cannot make an agent id from the name '%s'".formatted(name));
        }
        return new AgentId(slug);
    }

    @Override
    public int compareTo(AgentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
