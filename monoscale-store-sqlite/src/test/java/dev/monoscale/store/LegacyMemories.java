package dev.monoscale.store;

import static dev.monoscale.testkit.MemoryFixtures.ids;

import dev.monoscale.core.AgentId;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.Probe;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.testkit.MemoryFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The memory in the committed fixtures {@code legacy/memory-before-one-format.sqlite} and
 * {@code legacy/memory-v2-before-one-format.json}: written by {@code SqliteMemoryStore} at commit 4862520, before
 * the stores and the CLI shared one JSON form (see {@code src/test/resources/legacy/README.md}).
 */
public final class LegacyMemories {

    public static final String DATABASE = "/legacy/memory-before-one-format.sqlite";
    public static final String V2_BODY = "/legacy/memory-v2-before-one-format.json";

    private LegacyMemories() {}

    /** v0, v1 and v2 as they were appended. */
    public static List<RoutingMemory> history() {
        RoutingMemory v1 = MemoryFixtures.awkward();
        return List.of(MemoryFixtures.initial("web-surfer"), v1, v2(v1));
    }

    /** An accepted version with a holdout test and a probe, on top of {@link MemoryFixtures#awkward}. */
    public static RoutingMemory v2(RoutingMemory v1) {
        GateRecord accepted = new GateRecord(
                GateRecord.Outcome.ACCEPTED,
                "accepted 'strict'",
                ids("coder"),
                2.5,
                0.05,
                40,
                List.of(new GateRecord.CandidateScore("strict", 1, 0.0813, 0.0564, 0.11, 0.46, true)),
                Optional.of("strict"),
                Optional.of(new GateRecord.HoldoutTest("strict", 2, 4, 20, 0.07, 0.01, 0.0125)));
        return v1.next(ids("web-surfer", "coder"), v1.entries(), accepted, Instant.parse("2026-01-02T00:00:00Z"))
                .withProbes(List.of(new Probe(
                        AgentId.of("coder"), "code", "write a loop", 5, 3, 4, 0.3, 0.95, 0.75, "web-surfer", 1, 2)));
    }

    /** A copy of the fixture {@code resource} at {@code target}, so that a test may open and change it. */
    public static Path copy(String resource, Path target) throws IOException {
        try (InputStream in = LegacyMemories.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            Files.copy(in, target);
        }
        return target;
    }

    public static String text(String resource) throws IOException {
        try (InputStream in = LegacyMemories.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
