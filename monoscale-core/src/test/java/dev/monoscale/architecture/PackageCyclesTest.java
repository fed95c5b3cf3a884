package dev.monoscale.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentId;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * monoscale-core's packages form a pipeline (synthesis → execution → evidence → distillation → gate → memory, with
 * the onboarding use case on top), so no package may depend, directly or through others, on itself. The check reads
 * the compiled classes: every class named in a class file's constant pool (types, descriptors, signatures) counts.
 */
class PackageCyclesTest {

    private static final Pattern REFERENCE = Pattern.compile("dev/monoscale/([a-z]+)/");

    @Test
    void no_package_of_the_core_depends_on_itself_through_others() throws Exception {
        Map<String, Set<String>> uses = dependencies();

        assertThat(uses)
                .containsKeys(
                        "core", "synthesis", "execution", "evidence", "distillation", "gate", "memory", "onboarding");
        assertThat(cycles(uses)).as("package cycles in monoscale-core").isEmpty();
    }

    @Test
    void the_cycle_check_finds_a_cycle_when_there_is_one() {
        Map<String, Set<String>> uses = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));

        assertThat(cycles(uses)).containsExactly("a -> b -> c -> a");
    }

    /** For every package under dev.monoscale in the core's classes, the other such packages it refers to. */
    private static Map<String, Set<String>> dependencies() throws IOException, URISyntaxException {
        Path classes = Path.of(AgentId.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path root = classes.resolve("dev/monoscale");
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String from = root.relativize(file).getName(0).toString();
                Set<String> targets = uses.computeIfAbsent(from, k -> new TreeSet<>());
                try (InputStream in = Files.newInputStream(file)) {
                    for (String text : constantPoolTexts(in)) {
                        Matcher m = REFERENCE.matcher(text);
                        while (m.find()) {
                            if (!m.group(1).equals(from)) {
                                targets.add(m.group(1));
                            }
                        }
                    }
                }
            }
        }
        return uses;
    }

    /** The UTF-8 entries of a class file's constant pool (JVMS §4.4), where every referenced type is named. */
    private static List<String> constantPoolTexts(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        List<String> texts = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> texts.add(in.readUTF());
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return texts;
    }

    /** Every cycle, each written from its alphabetically first package, found by a depth-first search. */
    static List<String> cycles(Map<String, Set<String>> uses) {
        Set<String> found = new TreeSet<>();
        for (String start : uses.keySet()) {
            walk(start, start, new ArrayList<>(List.of(start)), uses, found);
        }
        return List.copyOf(found);
    }

    private static void walk(
            String start, String at, List<String> path, Map<String, Set<String>> uses, Set<String> found) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                if (path.stream().allMatch(p -> p.compareTo(start) >= 0)) {
                    found.add(String.join(" -> ", path) + " -> " + start);
                }
            } else if (!path.contains(next) && next.compareTo(start) > 0) {
                path.add(next);
                walk(start, next, path, uses, found);
                path.removeLast();
            }
        }
    }
}
