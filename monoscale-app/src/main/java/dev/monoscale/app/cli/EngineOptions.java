package dev.monoscale.app.cli;

import dev.monoscale.core.InvalidInputException;
import dev.monoscale.execution.WarmupEngine;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Where a round's warm-up calls run, for {@code onboard} (which submits) and {@code worker} (which makes them):
 * in this process (the default), or on a durable engine such as Temporal, found on the class path through
 * {@link WarmupEngine} so that the CLI jar does not carry it (docs/scale.md, "Rounds on Temporal").
 */
final class EngineOptions {

    static final String IN_PROCESS = "in-process";

    @Option(
            names = "--engine",
            description = "Where the warm-up calls run: in-process, or temporal (with --temporal) "
                    + "(default: ${DEFAULT-VALUE}).")
    String engine = IN_PROCESS;

    @Option(
            names = "--temporal",
            paramLabel = "HOST:PORT",
            description = "The Temporal server (frontend) to use: a cluster, "
                    + "Temporal Cloud (NAMESPACE.ACCOUNT.tmprl.cloud:7233, with TEMPORAL_API_KEY or "
                    + "TEMPORAL_TLS_CERT/TEMPORAL_TLS_KEY), "
                    + "or a local server.")
    String temporal;

    @Option(names = "--temporal-namespace", description = "The Temporal namespace (default: ${DEFAULT-VALUE}).")
    String namespace = "default";

    @Option(
            names = "--temporal-queue",
            description = "The task queue shared by onboard and its workers (default: ${DEFAULT-VALUE}).")
    String queue = "monoscale-warmup";

    @Option(
            names = "--call-timeout",
            description = "With Temporal: how long one worker call may take before another worker "
                    + "gets it, as an ISO-8601 duration or seconds (default: ${DEFAULT-VALUE}).")
    String callTimeout = "PT5M";

    /** Whether the calls run on an engine elsewhere; checks the names. */
    boolean remote() {
        if (engine.equals(IN_PROCESS)) {
            return false;
        }
        if (!engine.equals("temporal")) {
            throw new InvalidInputException("--engine", "engine", "'" + engine + "'", "in-process or temporal");
        }
        return true;
    }

    /** The engine on the class path, or one line saying it is not there. */
    WarmupEngine find() {
        String allowed = "in-process, or temporal with monoscale-temporal's engine jar on the class path (./monoscale "
                + "adds it when monoscale-temporal/target/monoscale-temporal-*-engine.jar exists; engines found: "
                + WarmupEngine.names() + ")";
        return WarmupEngine.find(engine)
                .orElseThrow(() -> new InvalidInputException("--engine", "engine", "'" + engine + "'", allowed));
    }

    /** The settings for the engine; {@code round} tells this memory's rounds apart on a shared server. */
    WarmupEngine.Settings settings(double callsPerSecond, String round) {
        if (temporal == null || temporal.isBlank()) {
            throw InvalidInputException.missing(
                    "--temporal", "target", "HOST:PORT of a Temporal server, with --engine temporal");
        }
        if (!temporal.matches("[^\\s:/]+:\\d{1,5}")) {
            throw new InvalidInputException(
                    "--temporal", "target", "'" + temporal + "'", "HOST:PORT, such as 127.0.0.1:7233");
        }
        if (!(callsPerSecond >= 0) || Double.isInfinite(callsPerSecond)) {
            throw new InvalidInputException(
                    "--calls-per-second",
                    "calls per second",
                    Double.toString(callsPerSecond),
                    "0 (no limit) or a positive number");
        }
        return new WarmupEngine.Settings(temporal, namespace, queue, timeout(), callsPerSecond, round);
    }

    private Duration timeout() {
        Duration d;
        try {
            d = callTimeout.matches("\\d+")
                    ? Duration.ofSeconds(Long.parseLong(callTimeout))
                    : Duration.parse(callTimeout.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | NumberFormatException e) {
            d = Duration.ZERO;
        }
        if (d.isZero() || d.isNegative()) {
            throw new InvalidInputException(
                    "--call-timeout",
                    "call timeout",
                    "'" + callTimeout + "'",
                    "a positive ISO-8601 duration (PT30S, PT5M) or whole seconds");
        }
        return d;
    }
}
