package dev.monoscale.mcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The reference MCP server {@code @modelcontextprotocol/server-everything}, which this project did not write, from
 * the committed package and lockfile of {@code src/test/mcp-peer}. The first use copies them to
 * {@code target/mcp-peer} and runs {@code npm ci} there. A missing {@code node} or {@code npm}, or a failed install,
 * fails the test: the interop suite must never turn into skipped tests.
 */
final class EverythingServer {

    static final Path SOURCE = Path.of(System.getProperty("mcp.peer.source", "src/test/mcp-peer"));
    static final Path INSTALLED = Path.of(System.getProperty("mcp.peer.dir", "target/mcp-peer"));
    private static boolean installed;

    private EverythingServer() {}

    /** The command that starts the server on stdio. */
    static List<String> stdioCommand() {
        return List.of(node(), script().toString(), "stdio");
    }

    /** Starts the server over Streamable HTTP on a free port of this machine and waits for its ready line. */
    static Http http() {
        Path script = script();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(node(), script.toString(), "streamableHttp").redirectErrorStream(true);
            builder.environment().put("PORT", Integer.toString(port));
            Process process = builder.start();
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Boolean ready = CompletableFuture.supplyAsync(() -> {
                        try {
                            for (String line = out.readLine(); line != null; line = out.readLine()) {
                                if (line.contains("listening on port")) {
                                    // keep draining, so that the server never blocks on a full pipe
                                    Thread.ofVirtual().start(() -> out.lines().forEach(ignored -> {}));
                                    return true;
                                }
                            }
                            return false;
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .get(30, TimeUnit.SECONDS);
            if (!ready) {
                process.destroyForcibly();
                throw new IllegalStateException("server-everything did not start over Streamable HTTP on port " + port);
            }
            return new Http(process, URI.create("http://127.0.0.1:" + port + "/mcp"));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start server-everything over HTTP: " + e.getMessage(), e);
        }
    }

    record Http(Process process, URI url) implements AutoCloseable {

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String node() {
        return System.getenv().getOrDefault("MCP_NODE", "node");
    }

    static Path script() {
        return install()
                .resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js")
                .toAbsolutePath();
    }

    /** Copies the package to {@link #INSTALLED} and runs {@code npm ci} once per lockfile. */
    static synchronized Path install() {
        if (installed) {
            return INSTALLED;
        }
        try {
            String version = run(List.of(node(), "--version"), SOURCE).strip();
            int major = Integer.parseInt(version.replaceAll("^v(\\d+).*", "$1"));
            if (major < 20) {
                throw new IllegalStateException(
                        "the MCP interop tests need Node.js 20 or newer; '%s' is %s".formatted(node(), version));
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
            throw new UncheckedIOException("cannot install the MCP peer into " + INSTALLED, e);
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
                    "the MCP interop tests need '%s' on the PATH (Node.js 20+ with npm): %s"
                            .formatted(command.getFirst(), e.getMessage()),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
