package dev.monoscale.a2a;

import java.time.Duration;

/**
 * How much a server gives each client, so that slow or many clients cannot starve the others. Requests run on
 * virtual threads, so a client that holds a request open costs a small stack, not a pooled thread.
 *
 * @param idleTimeout how long a connection may stay silent (while sending its headers or body, or between requests)
 *     before it is closed
 * @param bodyTimeout how long a request's body may take to arrive in full, however steadily it trickles in; past it the
 *     connection is closed
 * @param maxConnections how many connections are open at once; past it the server stops accepting until one closes
 * @param maxRequestBytes the largest request body read; a larger one is refused with an error
 * @param maxHeaderBytes the largest request line plus headers; a larger one gets 431
 */
public record ServerLimits(
        Duration idleTimeout, Duration bodyTimeout, int maxConnections, long maxRequestBytes, int maxHeaderBytes) {

    public ServerLimits {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
        }
        if (bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            throw new IllegalArgumentException("bodyTimeout must be positive: " + bodyTimeout);
        }
        if (maxConnections < 1 || maxRequestBytes < 1 || maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("limits out of range: %d connections, %d body bytes, %d header bytes"
                    .formatted(maxConnections, maxRequestBytes, maxHeaderBytes));
        }
    }

    /**
     * 15 s of silence, 30 s for a whole body, 2,000 connections, a 1 MB body and 8 KB of headers: room for many slow
     * clients on virtual threads while a normal request is still served at once.
     */
    public static ServerLimits defaults() {
        return new ServerLimits(Duration.ofSeconds(15), Duration.ofSeconds(30), 2_000, 1_000_000, 8_192);
    }

    public ServerLimits withMaxConnections(int connections) {
        return new ServerLimits(idleTimeout, bodyTimeout, connections, maxRequestBytes, maxHeaderBytes);
    }

    public ServerLimits withBodyTimeout(Duration timeout) {
        return new ServerLimits(idleTimeout, timeout, maxConnections, maxRequestBytes, maxHeaderBytes);
    }

    public ServerLimits withIdleTimeout(Duration timeout) {
        return new ServerLimits(timeout, bodyTimeout, maxConnections, maxRequestBytes, maxHeaderBytes);
    }
}
