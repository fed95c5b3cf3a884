package dev.monoscale.store;

import dev.monoscale.store.sqlite.MemoryDatabaseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The versioned schema scripts of a SQL store and the rules every store's migrations keep: the scripts are
 * {@code <folder>/V<n>__<description>.sql} on the class path, numbered 1, 2, ... without gaps; a database whose
 * {@code schema_history} names a version newer than the newest script is refused (an older build must not write to
 * a schema it does not know), and a script already applied must have the checksum it had then, so an edited script
 * or a hand-edited history is found instead of silently skipped. How a script is applied (the transaction, the
 * lock) is the dialect's.
 */
public final class MigrationScripts {

    private static final Pattern NAME = Pattern.compile("V([1-9][0-9]*)__([a-z0-9_]+)\\.sql");

    private final List<Script> scripts;

    private MigrationScripts(List<Script> scripts) {
        for (int i = 0; i < scripts.size(); i++) {
            if (scripts.get(i).version() != i + 1) {
                throw new IllegalStateException("migration scripts must be numbered 1, 2, ... in order; found %s at %d"
                        .formatted(scripts.get(i).name(), i + 1));
            }
        }
        this.scripts = List.copyOf(scripts);
    }

    /** The scripts {@code names} (oldest first) from the class path folder {@code folder}, such as /db/sqlite. */
    public static MigrationScripts load(String folder, List<String> names) {
        return new MigrationScripts(
                names.stream().map(name -> Script.load(folder, name)).toList());
    }

    public List<Script> scripts() {
        return scripts;
    }

    /** The newest schema version this build knows. */
    public int latest() {
        return scripts.size();
    }

    /**
     * Refuses a database this build must not write to: one with a newer schema, or one whose applied scripts differ
     * from this build's.
     *
     * @param applied the applied versions and their checksums, as {@link #applied} reads them
     * @param where the database as messages name it
     */
    public void check(NavigableMap<Integer, String> applied, Object where) {
        if (applied.isEmpty()) {
            return;
        }
        int newest = applied.lastKey();
        if (newest > latest()) {
            throw new MemoryDatabaseException(("'%s' was written by a newer MonoScale (schema v%d; this build knows"
                            + " up to v%d); upgrade MonoScale to open it")
                    .formatted(where, newest, latest()));
        }
        for (Script script : scripts) {
            String checksum = applied.get(script.version());
            if (checksum != null && !checksum.equals(script.checksum())) {
                throw new MemoryDatabaseException(("'%s' records schema v%d with checksum %s but this build's %s has"
                                + " checksum %s; the database or the script was changed by hand")
                        .formatted(where, script.version(), checksum, script.name(), script.checksum()));
            }
        }
    }

    /** The rows of {@code schema_history}: applied versions and their checksums. The table must exist. */
    public static NavigableMap<Integer, String> applied(Connection connection) throws SQLException {
        NavigableMap<Integer, String> applied = new TreeMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, checksum FROM schema_history")) {
            while (rows.next()) {
                applied.put(rows.getInt(1), rows.getString(2));
            }
        }
        return applied;
    }

    /**
     * Runs {@code script}'s statements and records it in {@code schema_history}, inside the caller's transaction.
     *
     * @param appliedAt the time as the dialect stores it (text in SQLite, a {@code timestamptz} in PostgreSQL)
     */
    public static void apply(Connection connection, Script script, Object appliedAt) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : script.statements()) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO schema_history (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
            insert.setInt(1, script.version());
            insert.setString(2, script.description());
            insert.setString(3, script.checksum());
            insert.setObject(4, appliedAt);
            insert.executeUpdate();
        }
    }

    /** One migration script: its number, description, statements and checksum. */
    public record Script(String name, int version, String description, List<String> statements, String checksum) {

        static Script load(String folder, String name) {
            Matcher matcher = NAME.matcher(name);
            if (!matcher.matches()) {
                throw new IllegalStateException(
                        "migration script name '%s' must look like V1__memory.sql".formatted(name));
            }
            String text = read(folder + "/" + name).replace("\r\n", "\n");
            return new Script(
                    name,
                    Integer.parseInt(matcher.group(1)),
                    matcher.group(2).replace('_', ' '),
                    statements(text),
                    sha256(text));
        }

        /** Splits at semicolons that end a line, after dropping whole-line {@code --} comments. */
        static List<String> statements(String text) {
            String code =
                    text.lines().filter(line -> !line.strip().startsWith("--")).collect(Collectors.joining("\n"));
            return Arrays.stream(code.split(";[ \\t]*(\\n|$)"))
                    .map(String::strip)
                    .filter(sql -> !sql.isEmpty())
                    .toList();
        }

        private static String read(String resource) {
            try (InputStream in = MigrationScripts.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(
                            "migration script %s is missing from the class path".formatted(resource));
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("reading migration script %s failed".formatted(resource), e);
            }
        }

        private static String sha256(String text) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }
}
