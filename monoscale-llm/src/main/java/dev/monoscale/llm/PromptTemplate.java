package dev.monoscale.llm;

import dev.monoscale.llm.client.ChatMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt as a versioned product artifact: an id such as {@code routing/choose}, a version, and a system and a
 * user part with {@code {{name}}} placeholders. Templates live in {@code dev/monoscale/llm/prompts/} as
 * {@code <id with '/' as '-'>.prompt}; a trace records {@link #ref()} for every model call.
 *
 * <p>File format: {@code id:} and {@code version:} header lines, then {@code === system} and {@code === user}
 * sections.
 */
public record PromptTemplate(String id, int version, String system, String user) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z][a-zA-Z0-9]*)}}");

    /** {@code id@version}, as traces record it. */
    public String ref() {
        return id + "@" + version;
    }

    /** The system and user messages with every placeholder filled; a placeholder without a value is a bug. */
    public List<ChatMessage> render(Map<String, String> values) {
        return List.of(ChatMessage.system(fill(system, values)), ChatMessage.user(fill(user, values)));
    }

    private String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("prompt %s needs a value for {{%s}}".formatted(ref(), m.group(1)));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The packaged template {@code id}, such as {@code routing/choose}. */
    public static PromptTemplate load(String id) {
        String resource = "prompts/" + id.replace('/', '-') + ".prompt";
        try (InputStream in = PromptTemplate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no prompt '%s' (resource %s)".formatted(id, resource));
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("reading prompt '%s' failed".formatted(id), e);
        }
    }

    static PromptTemplate parse(String text) {
        String id = null;
        int version = 0;
        StringBuilder system = new StringBuilder();
        StringBuilder user = new StringBuilder();
        StringBuilder into = null;
        List<String> lines = new ArrayList<>(text.lines().toList());
        for (String line : lines) {
            if (into == null && line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (into == null && line.startsWith("version:")) {
                version = Integer.parseInt(line.substring(8).strip());
            } else if (line.strip().equals("=== system")) {
                into = system;
            } else if (line.strip().equals("=== user")) {
                into = user;
            } else if (into != null) {
                into.append(line).append('\n');
            }
        }
        if (id == null || version < 1 || user.isEmpty()) {
            throw new IllegalArgumentException("a prompt file needs 'id:', 'version:' and a '=== user' section");
        }
        return new PromptTemplate(
                id, version, system.toString().strip(), user.toString().strip());
    }
}
