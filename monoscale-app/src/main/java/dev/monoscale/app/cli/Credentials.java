package dev.monoscale.app.cli;

import dev.monoscale.a2a.A2aAgent;
import dev.monoscale.a2a.A2aSecurity;
import dev.monoscale.core.InvalidInputException;
import java.io.PrintWriter;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@code --token-env} against what an agent's card asks for before anything is called: a missing token is
 * one line, not a round whose every call fails for want of it.
 */
final class Credentials {

    private Credentials() {}

    /**
     * @param variable the environment variable {@code --token-env} names, or null without the flag
     * @param err where a warning goes when the variable is unset but the card asks for no credential
     * @throws InvalidInputException when the card asks for a credential and {@code variable} is absent or unset
     */
    static void check(
            @Nullable String variable,
            A2aAgent agent,
            Function<String, @Nullable String> environment,
            PrintWriter err) {
        A2aSecurity security = agent.security();
        boolean asks = security.kind() != A2aSecurity.Kind.NONE;
        String value = variable == null ? null : environment.apply(variable);
        boolean set = value != null && !value.isBlank();
        String what = "the %s the card of '%s' asks for (scheme '%s')"
                .formatted(
                        security.kind() == A2aSecurity.Kind.BEARER ? "bearer token" : "API key",
                        agent.card().id(),
                        security.scheme());
        if (asks && variable == null) {
            throw InvalidInputException.missing("--token-env", "token-env", "the environment variable holding " + what);
        }
        if (asks && !set) {
            throw new InvalidInputException(
                    "--token-env",
                    "token-env",
                    "'" + variable + "' (not set in the environment)",
                    "a variable holding " + what + "; export it first");
        }
        if (variable != null && !set) {
            err.println("monoscale: warning: --token-env " + variable + " is not set; the card of '"
                    + agent.card().id() + "' asks for no credential, so none is sent");
            err.flush();
        }
    }
}
