package dev.monoscale.store.postgres;

import dev.monoscale.core.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where a memory lives in PostgreSQL: {@code postgresql://USER@HOST[:PORT]/DATABASE[?schema=NAME&sslmode=MODE]}
 * ({@code postgres://} too), the URL form libpq and psql read, without a password. The password is never part
 * of the URL, which ends up in shell history, process lists and printed lines: it comes from the environment
 * (see {@link #PASSWORD_ENV}).
 *
 * @param schema the PostgreSQL schema holding the memory's tables, {@value #DEFAULT_SCHEMA} unless named: several
 *     memories can live in one database
 * @param sslmode libpq's {@code sslmode}, or null for the driver's default
 */
public record PostgresLocation(
        String user,
        String host,
        int port,
        String database,
        String schema,
        @Nullable String sslmode) {

    /** The environment variable the password is read from: libpq's own, so psql in the same shell connects too. */
    public static final String PASSWORD_ENV = "PGPASSWORD";

    public static final String DEFAULT_SCHEMA = "monoscale";

    public static final int DEFAULT_PORT = 5432;

    /** What a {@code --db} URL may look like, for error messages. */
    public static final String FORM =
            "postgresql://USER@HOST[:PORT]/DATABASE[?schema=NAME] with the password in " + PASSWORD_ENV;

    private static final Pattern SCHEME = Pattern.compile("(?i)postgres(ql)?");
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Set<String> SSLMODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    public PostgresLocation {
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema '%s' must match %s".formatted(schema, SCHEMA));
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port %d must be in [1, 65535]".formatted(port));
        }
    }

    /** True if {@code value} starts with {@code postgresql://} or {@code postgres://}, in any case. */
    public static boolean isUrl(String value) {
        int colon = value.indexOf("://");
        return colon > 0 && SCHEME.matcher(value.substring(0, colon)).matches();
    }

    /**
     * Reads a {@code postgresql://} URL.
     *
     * @param source where the URL came from (a flag, a file), named in errors
     * @throws InvalidInputException naming the URL (never a password) and what is allowed
     */
    public static PostgresLocation parse(String url, String source) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid(source, masked(url), "not a URL: " + e.getReason());
        }
        if (uri.getScheme() == null || !SCHEME.matcher(uri.getScheme()).matches() || uri.isOpaque()) {
            throw invalid(source, masked(url), "not a postgresql:// URL");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            throw invalid(
                    source, masked(url), "a password in the URL; put it in the environment variable " + PASSWORD_ENV);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid(source, url, "no host (or a port that is not a number)");
        }
        if (userInfo == null || userInfo.isEmpty()) {
            throw invalid(source, url, "no user");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw invalid(source, url, "no database, or a path of more than one part");
        }
        if (uri.getRawFragment() != null) {
            throw invalid(source, url, "a #fragment");
        }
        Map<String, String> query = query(uri.getRawQuery(), url, source);
        String schema = query.getOrDefault("schema", DEFAULT_SCHEMA);
        if (!SCHEMA.matcher(schema).matches()) {
            throw invalid(
                    source,
                    url,
                    ("schema '%s' (allowed: lower-case letters, digits and _, not starting with a"
                                    + " digit, up to 63)")
                            .formatted(schema));
        }
        String sslmode = query.get("sslmode");
        if (sslmode != null && !SSLMODES.contains(sslmode)) {
            throw invalid(
                    source,
                    url,
                    "sslmode '%s' (allowed: %s)"
                            .formatted(
                                    sslmode,
                                    String.join(", ", SSLMODES.stream().sorted().toList())));
        }
        return new PostgresLocation(
                decode(userInfo),
                uri.getHost(),
                uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort(),
                decode(path.substring(1)),
                schema,
                sslmode);
    }

    /** The JDBC URL of the database, without user or password. */
    String jdbcUrl() {
        String host = this.host.contains(":") && !this.host.startsWith("[") ? "[" + this.host + "]" : this.host;
        return "jdbc:postgresql://" + host + ":" + port + "/" + encodePath(database);
    }

    /** The driver's connection properties: user, password when there is one, the schema as search path. */
    Properties properties(@Nullable String password) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("currentSchema", schema);
        properties.setProperty("ApplicationName", "monoscale");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("tcpKeepAlive", "true");
        if (sslmode != null) {
            properties.setProperty("sslmode", sslmode);
        }
        return properties;
    }

    /** The URL, as given back to people: never with a password. */
    @Override
    public String toString() {
        String query = schema.equals(DEFAULT_SCHEMA) ? "" : "?schema=" + schema;
        if (sslmode != null) {
            query += (query.isEmpty() ? "?" : "&") + "sslmode=" + sslmode;
        }
        String host = this.host.contains(":") && !this.host.startsWith("[") ? "[" + this.host + "]" : this.host;
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database + query;
    }

    private static Map<String, String> query(@Nullable String raw, String url, String source) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (!name.equals("schema") && !name.equals("sslmode")) {
                throw invalid(source, url, "parameter '%s' (allowed: schema, sslmode)".formatted(name));
            }
            if (equals < 0 || query.put(name, decode(pair.substring(equals + 1))) != null) {
                throw invalid(source, url, "parameter '%s' without one value".formatted(name));
            }
        }
        return query;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** {@code url} with whatever follows the user's colon, up to the {@code @}, replaced by {@code ***}. */
    static String masked(String url) {
        return url.replaceFirst("^([^:/]+://[^:/@]*):[^@/]*@", "$1:***@");
    }

    private static InvalidInputException invalid(String source, String url, String why) {
        return new InvalidInputException(source, "db", "'%s' (%s)".formatted(url, why), FORM);
    }

    /** Percent-encodes a database name for the path of a JDBC URL. */
    private static String encodePath(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xFF));
            }
        }
        return out.toString();
    }
}
