package dev.monoscale.a2a;

import dev.monoscale.core.InvalidInputException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How MonoScale calls A2A agents.
 *
 * @param requestTimeout the deadline of one HTTP request, the card fetch included (default 30 s)
 * @param taskDeadline how long a call may take in all, polling a task that is still working included; past it the
 *     call is a timeout (default 120 s)
 * @param pollInterval the wait between two {@code GetTask} polls of a task that is still working (default 500 ms)
 * @param protocols the protocols to use, most preferred first; the first one the card offers is used (default:
 *     JSON-RPC 1.0, HTTP+JSON 1.0, JSON-RPC 0.3, HTTP+JSON 0.3)
 * @param blocking whether a send asks the agent to answer when the task is done ({@code blocking: true} in 0.3,
 *     no {@code returnImmediately} in 1.0); when false, or when an agent answers early anyway, the task is polled
 *     (default true)
 * @param tokenVariable the environment variable holding the bearer token or API key for agents whose card asks
 *     for one; never the token itself (default none)
 * @param environment how environment variables are read (default {@link System#getenv(String)}); tests inject it
 * @param clock the clock that measures latency and deadlines (default the system clock)
 */
public record A2aClientConfig(
        Duration requestTimeout,
        Duration taskDeadline,
        Duration pollInterval,
        List<A2aProtocol> protocols,
        boolean blocking,
        Optional<String> tokenVariable,
        Function<String, String> environment,
        InstantSource clock) {

    public A2aClientConfig {
        positive("request timeout", requestTimeout);
        positive("task deadline", taskDeadline);
        positive("poll interval", pollInterval);
        protocols = List.copyOf(protocols);
        if (protocols.isEmpty()) {
            throw new InvalidInputException(
                    "a2a client config", "protocols", "[]", "at least one of " + List.of(A2aProtocol.values()));
        }
        tokenVariable.ifPresent(name -> {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new InvalidInputException(
                        "a2a client config",
                        "token variable",
                        "'" + name + "'",
                        "the name of an environment variable, such as A2A_TOKEN (never the token itself)");
            }
        });
    }

    public static A2aClientConfig defaults() {
        return new A2aClientConfig(
                Duration.ofSeconds(30),
                Duration.ofSeconds(120),
                Duration.ofMillis(500),
                List.of(A2aProtocol.JSONRPC_1_0, A2aProtocol.REST_1_0, A2aProtocol.JSONRPC_0_3, A2aProtocol.REST_0_3),
                true,
                Optional.empty(),
                System::getenv,
                InstantSource.system());
    }

    public A2aClientConfig withProtocols(List<A2aProtocol> preferred) {
        return new A2aClientConfig(
                requestTimeout, taskDeadline, pollInterval, preferred, blocking, tokenVariable, environment, clock);
    }

    public A2aClientConfig withTimeouts(Duration request, Duration task) {
        return new A2aClientConfig(request, task, pollInterval, protocols, blocking, tokenVariable, environment, clock);
    }

    public A2aClientConfig withBlocking(boolean block) {
        return new A2aClientConfig(
                requestTimeout, taskDeadline, pollInterval, protocols, block, tokenVariable, environment, clock);
    }

    /** Reads the token from {@code variable} in {@code env}. */
    public A2aClientConfig withToken(String variable, Function<String, String> env) {
        return new A2aClientConfig(
                requestTimeout, taskDeadline, pollInterval, protocols, blocking, Optional.of(variable), env, clock);
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new InvalidInputException("a2a client config", name, value.toString(), "a positive duration");
        }
    }
}
