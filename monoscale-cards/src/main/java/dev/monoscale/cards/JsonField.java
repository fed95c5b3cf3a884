package dev.monoscale.cards;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monoscale.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
public record JsonField(String source, String path, @Nullable JsonNode node) {

    private static final String A_STRING = "a string";

    /** The named member of this object; call only after {@link #object} has passed. */
    public JsonField get(String name) {
        JsonNode child = node == null ? null : node.get(name);
        return new JsonField(source, path.isEmpty() ? name : path + "." + name, child);
    }

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
        int control = text.codePoints().filter(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')
                .findFirst().orElse(-1);
        if (control >= 0) {
            throw new InvalidInputException(source, label(),
                    Values.render(node) + String.format(Locale.ROOT, " (control character U+%04X)", control),
                    allowed + " without control characters (tab and line breaks are allowed)");
        }
        return text;
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

    /** An optional array of strings, such as {@code tags}; empty when absent. */
    public List<String> strings() {
        return optionalArray("an array of strings").stream().map(item -> item.string(A_STRING)).toList();
    }
}
