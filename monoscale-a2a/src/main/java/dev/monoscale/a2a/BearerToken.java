package dev.monoscale.a2a;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The bearer token a server asks its clients for. It never shows itself: {@link #toString()} is redacted, and
 * {@link #admits} compares SHA-256 digests with {@link MessageDigest#isEqual}, so the time a check takes says nothing
 * about the token, not even its length.
 */
public final class BearerToken {

    private final byte[] digest;

    private BearerToken(String token) {
        this.digest = sha256(token);
    }

    /**
     * The token held by the environment variable {@code variable}, or an input error naming {@code flag} and the
     * variable (never a value) when it is unset or blank.
     */
    public static BearerToken fromEnvironment(
            String flag, String variable, Function<String, @Nullable String> environment) {
        String token = environment.apply(variable);
        if (token == null || token.isBlank()) {
            throw new dev.monoscale.core.InvalidInputException(
                    flag,
                    "environment variable " + variable,
                    "(unset or blank)",
                    "the name of a variable that holds the token");
        }
        return new BearerToken(token.strip());
    }

    /** A token given directly, for tests and embedding. */
    public static BearerToken of(String token) {
        if (token.isBlank()) {
            throw new IllegalArgumentException("a bearer token must not be blank");
        }
        return new BearerToken(token.strip());
    }

    /** Whether an {@code Authorization} header value carries this token. */
    public boolean admits(@Nullable String authorization) {
        if (authorization == null
                || authorization.length() < 7
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(7).strip()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "BearerToken[redacted]";
    }
}
