package dev.monoscale.cards;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monoscale.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One place in a card's JSON: the source it came from, its field path for error messages (such as
 * {@code workers[3].card.skills[0].name}) and the value there, {@code null} when the field is absent. The
 * reading methods check the JSON type and throw an {@link InvalidInputException} naming path, value and what
 * is allowed. A JSON {@code null} counts as absent for optional fields and as a wrong value for required ones.
 *
 * @param path the field path; empty for the top of a stand-alone document
 */
public record JsonField(
        String source, String path, @Nullable JsonNode node) {

    private static final String A_STRING = "a string";

    /** The top of the document {@code source} (a file name, a flag, a database row), for reading its fields. */
    public static JsonField root(String source, @Nullable JsonNode node) {
        return new JsonField(source, "", node);
    }

    /** The named member of this object; call only after {@link #object} has passed. */
    public JsonField get(String name) {
        JsonNode child = node == null ? null : node.get(name);
        return new JsonField(source, path.isEmpty() ? name : path + "." + name, child);
    }

    /**
     * The node of a field already known to be present (after {@link #required}, {@link #object} or
     * {@link #isPresent}).
     *
     * @throws NullPointerException naming the field if it is absent: a reader's mistake, not the input's
     */
    public JsonNode value() {
        return java.util.Objects.requireNonNull(
                node, () -> label() + " of " + source + " was read before it was checked");
    }

    /** Whether the field is there and not JSON {@code null}. */
    public boolean isPresent() {
        return node != null && !node.isMissingNode() && !node.isNull();
    }

    /** The path as shown in messages: {@code (root)} for the top of a stand-alone document. */
    public String label() {
        return path.isEmpty() ? "(root)" : path;
    }

    public InvalidInputException invalid(String allowed) {
        return new InvalidInputException(source, label(), Values.render(node), allowed);
    }

    /** This object's member {@code name}, which must be present (a JSON {@code null} counts as missing). */
    public JsonField required(String name, String allowed) {
        JsonField field = get(name);
        if (!field.isPresent()) {
            throw InvalidInputException.missing(source, field.label(), allowed);
        }
        return field;
    }

    /**
     * Refuses a member of this object not named in {@code fields}: a misspelt field would otherwise be ignored and
     * its default used without a word. Call only after {@link #object} has passed.
     */
    public JsonField known(String... fields) {
        List<String> allowed = List.of(fields);
        if (node != null) {
            for (var names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw new InvalidInputException(
                            source,
                            get(name).label(),
                            "(unknown field)",
                            "the fields " + String.join(", ", allowed) + (path.isEmpty() ? "" : " in " + path));
                }
            }
        }
        return this;
    }

    public JsonField object(String allowed) {
        if (node == null || !node.isObject()) {
            throw invalid(allowed);
        }
        return this;
    }

    /**
     * A string. Control characters other than tab, line feed and carriage return (NUL, ESC, DEL, C1) are refused:
     * card text is printed to terminals, where ESC starts a command sequence.
     */
    public String string(String allowed) {
        if (node == null || !node.isTextual()) {
            throw invalid(allowed);
        }
        String text = node.textValue();
        int control = text.codePoints()
                .filter(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')
                .findFirst()
                .orElse(-1);
        if (control >= 0) {
            throw new InvalidInputException(
                    source,
                    label(),
                    Values.render(node) + String.format(Locale.ROOT, " (control character U+%04X)", control),
                    allowed + " without control characters (tab and line breaks are allowed)");
        }
        return text;
    }

    /** A string as it is, control characters included: for text MonoScale wrote itself, such as a stored memory. */
    public String anyString(String allowed) {
        if (node == null || !node.isTextual()) {
            throw invalid(allowed);
        }
        return node.textValue();
    }

    public String nonBlankString(String allowed) {
        String text = string(allowed);
        if (text.isBlank()) {
            throw invalid(allowed);
        }
        return text;
    }

    public Optional<String> optionalString(String allowed) {
        return isPresent() ? Optional.of(string(allowed)) : Optional.empty();
    }

    public Optional<String> optionalNonBlankString(String allowed) {
        return isPresent() ? Optional.of(nonBlankString(allowed)) : Optional.empty();
    }

    /** A whole number that fits in an {@code int}. */
    public int integer(String allowed) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            throw invalid(allowed);
        }
        return node.intValue();
    }

    /** A whole number in {@code [min, max]}. */
    public int integer(int min, int max) {
        return integer(min, max, String.format(Locale.ROOT, "a whole number in [%d, %d]", min, max));
    }

    /** A whole number in {@code [min, max]}, with {@code allowed} saying so in its own words. */
    public int integer(int min, int max, String allowed) {
        int value = integer(allowed);
        if (value < min || value > max) {
            throw invalid(allowed);
        }
        return value;
    }

    /** The optional whole number in {@code [min, max]}, {@code fallback} when absent. */
    public int integer(int fallback, int min, int max) {
        return isPresent() ? integer(min, max) : fallback;
    }

    /** A JSON number, any finite value. */
    public double number(String allowed) {
        if (node == null || !node.isNumber()) {
            throw invalid(allowed);
        }
        return node.doubleValue();
    }

    /** A number in {@code [min, max]}. */
    public double number(double min, double max) {
        return number(min, max, "a number in [" + plain(min) + ", " + plain(max) + "]");
    }

    /** A number in {@code [min, max]}, with {@code allowed} saying so in its own words. */
    public double number(double min, double max, String allowed) {
        double value = number(allowed);
        if (!(value >= min && value <= max)) {
            throw invalid(allowed);
        }
        return value;
    }

    /** The optional number in {@code [min, max]}, {@code fallback} when absent. */
    public double number(double fallback, double min, double max) {
        return isPresent() ? number(min, max) : fallback;
    }

    public boolean bool(String allowed) {
        if (node == null || !node.isBoolean()) {
            throw invalid(allowed);
        }
        return node.booleanValue();
    }

    public List<JsonField> array(String allowed) {
        if (node == null || !node.isArray()) {
            throw invalid(allowed);
        }
        List<JsonField> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(new JsonField(source, label() + "[" + i + "]", node.get(i)));
        }
        return List.copyOf(items);
    }

    public List<JsonField> optionalArray(String allowed) {
        return isPresent() ? array(allowed) : List.of();
    }

    public List<JsonField> nonEmptyArray(String allowed) {
        List<JsonField> items = array(allowed);
        if (items.isEmpty()) {
            throw invalid(allowed);
        }
        return items;
    }

    /**
     * This object's members by name, in document order, each with its path. Call only after {@link #object} has
     * passed.
     */
    public Map<String, JsonField> members() {
        Map<String, JsonField> members = new LinkedHashMap<>();
        if (node != null) {
            node.fieldNames().forEachRemaining(name -> members.put(name, get(name)));
        }
        return Collections.unmodifiableMap(members);
    }

    /** A bound as people write it: {@code 1} rather than {@code 1.0}. */
    private static String plain(double bound) {
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15
                ? Long.toString((long) bound)
                : Double.toString(bound);
    }

    /** An optional array of strings, such as {@code tags}; empty when absent. */
    public List<String> strings() {
        return optionalArray("an array of strings").stream()
                .map(item -> item.string(A_STRING))
                .toList();
    }
}
