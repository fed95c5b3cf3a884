package dev.monoscale.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Where tests find data: the fixtures committed in this module ({@code src/main/resources/fixtures}, each with its
 * source and licence), and, for the few tests that want the full datasets, the optional {@code shared/data} folder
 * beside the repository. Every module's tests go through here; none walks up folders on its own.
 */
public final class TestData {

    /** Names the {@code shared/data} folder explicitly, instead of looking for it beside the repository. */
    public static final String SHARED_DATA_PROPERTY = "monoscale.shared.data";

    private static final Map<String, Path> EXTRACTED = new ConcurrentHashMap<>();

    private TestData() {}

    /**
     * The fixture folder (or file) {@code name} under {@code fixtures/}, as a path on disk. When this module is on the
     * class path as a jar, the fixture is copied once per test run into a temporary folder.
     *
     * @throws IllegalStateException if there is no such fixture
     */
    public static Path fixture(String name) {
        URL url = TestData.class.getResource("/fixtures/" + name);
        if (url == null) {
            throw new IllegalStateException(("test fixture fixtures/%s is missing; fixtures live in"
                            + " monoscale-test-support/src/main/resources/fixtures")
                    .formatted(name));
        }
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad resource URL " + url, e);
        }
        if (uri.getScheme().equals("file")) {
            return Path.of(uri);
        }
        return EXTRACTED.computeIfAbsent(name, n -> extract(uri, n));
    }

    /**
     * The real dataset {@code shared/data/name} if it is there: under the folder the system property
     * {@value #SHARED_DATA_PROPERTY} names, else in the working directory or one of its parents. Tests that read it
     * are skipped when it is absent, and the behaviour they check is also checked on a committed fixture.
     */
    public static Optional<Path> sharedData(String name) {
        String configured = System.getProperty(SHARED_DATA_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path data = Path.of(configured).resolve(name);
            return Files.isDirectory(data) ? Optional.of(data) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path data = dir.resolve("shared/data").resolve(name);
            if (Files.isDirectory(data)) {
                return Optional.of(data);
            }
        }
        return Optional.empty();
    }

    /** Why a test that needs {@code shared/data/name} is skipped, for its assumption. */
    public static String sharedDataAbsent(String name) {
        return ("shared/data/%s is not beside the repository (or under -D%s=DIR); skipped, the committed fixtures"
                        + " cover the same behaviour")
                .formatted(name, SHARED_DATA_PROPERTY);
    }

    /** Copies the fixture {@code name} out of the jar {@code uri} points into. */
    private static Path extract(URI uri, String name) {
        try {
            Path target = Files.createTempDirectory("monoscale-fixtures-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(target)));
            FileSystem jar;
            boolean opened = false;
            try {
                jar = FileSystems.newFileSystem(uri, Map.of());
                opened = true;
            } catch (FileSystemAlreadyExistsException e) {
                jar = FileSystems.getFileSystem(uri);
            }
            try {
                Path source = jar.provider().getPath(uri);
                Path copy = target.resolve(source.getFileName().toString().replace("/", ""));
                try (Stream<Path> tree = Files.walk(source)) {
                    for (Path from : tree.toList()) {
                        Path to = copy.resolve(source.relativize(from).toString());
                        if (Files.isDirectory(from)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(from, to);
                        }
                    }
                }
                return copy;
            } finally {
                if (opened) {
                    jar.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the test fixture " + name + " out of " + uri, e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // a temporary folder; the system cleans it up eventually
        }
    }

    /** The names of the files directly in {@code dir} that end with {@code suffix}, sorted. */
    public static List<String> fileNames(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + dir + " failed", e);
        }
    }
}
