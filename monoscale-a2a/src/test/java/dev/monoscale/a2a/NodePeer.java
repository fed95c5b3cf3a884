package dev.monoscale.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Node.js process running one of the A2A peer scripts of {@code src/test/a2a-peer} on the official
 * {@code @a2a-js/sdk}. The first use copies the peer package to {@code target/a2a-peer} and runs {@code npm ci}
 * there from the committed lockfile. A missing {@code node} or {@code npm}, or a failed install, fails the test:
 * the interop suite must never turn into skipped tests.
 */
record NodePeer(Process process, String url) implements AutoCloseable {

    static final Path SOURCE = Path.of(System.getProperty("a2a.peer.source", "src/test/a2a-peer"));
    static final Path INSTALLED = Path.of(System.getProperty("a2a.peer.dir", "target/a2a-peer"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static boolean installed;

    /** Starts {@code script} with {@code env} on a free port of 127.0.0.1 and waits for its ready line. */
    static NodePeer start(String script, Map<String, String> env) {
        Path dir = install();
        try {
            ProcessBuilder builder = new ProcessBuilder(node(), script)
                    .directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().putAll(env);
            builder.environment().put("PORT", "0");
            Process process = builder.start();
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                        try {
                            return out.readLine();
                        } catch (IOException e) {
                            return null;
                        }
                    })
                    .get(2, TimeUnit.MINUTES); // a generous deadline: Node starts slowly on a busy machine
            if (line == null || !line.startsWith("PEER_READY ")) {
                process.destroyForcibly();
                throw new IllegalStateException("A2A peer %s did not start: %s".formatted(script, line));
            }
            JsonNode ready = A2aWire.MAPPER.readTree(line.substring("PEER_READY ".length()));
            return new NodePeer(process, ready.path("url").asText());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the A2A peer " + script + ": " + e.getMessage(), e);
        }
    }

    /** The requests the peer received, oldest first: {@code {method, path, headers, body}}. */
    List<JsonNode> received() {
        try {
            String body = HTTP.send(
                            HttpRequest.newBuilder(URI.create(url + "/_received"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            List<JsonNode> all = new ArrayList<>();
            A2aWire.MAPPER.readTree(body).forEach(all::add);
            return all;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot read what the peer received", e);
        }
    }

    /** The requests received on the A2A routes (not the card), oldest first. */
    List<JsonNode> calls() {
        return received().stream()
                .filter(r -> r.path("path").asText().startsWith("/a2a/"))
                .toList();
    }

    void forget() {
        try {
            HTTP.send(
                    HttpRequest.newBuilder(URI.create(url + "/_received"))
                            .DELETE()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot reset the peer's log", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String node() {
        return System.getenv().getOrDefault("A2A_NODE", "node");
    }

    /** Copies the peer package to {@link #INSTALLED} and runs {@code npm ci} once per lockfile. */
    static synchronized Path install() {
        if (installed) {
            return INSTALLED;
        }
        try {
            String version = run(List.of(node(), "--version"), SOURCE).strip();
            int major = Integer.parseInt(version.replaceAll("^v(\\d+).*", "$1"));
            if (major < 20) {
                throw new IllegalStateException(
                        "the A2A interop tests need Node.js 20 or newer; '%s' is %s".formatted(node(), version));
            }
            Files.createDirectories(INSTALLED);
            try (Stream<Path> files = Files.list(SOURCE)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, INSTALLED.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path stamp = INSTALLED.resolve("node_modules/.monoscale-lock");
            String lock = Files.readString(SOURCE.resolve("package-lock.json"));
            if (!Files.exists(stamp) || !Files.readString(stamp).equals(lock)) {
                run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), INSTALLED);
                Files.writeString(stamp, lock);
            }
            installed = true;
            return INSTALLED;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the A2A peer into " + INSTALLED, e);
        }
    }

    private static String run(List<String> command, Path dir) {
        try {
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(
                        "%s failed in %s: %s".formatted(String.join(" ", command), dir, output.strip()));
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the A2A interop tests need '%s' on the PATH (Node.js 20+ with npm): %s"
                            .formatted(command.getFirst(), e.getMessage()),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
