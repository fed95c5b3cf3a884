package dev.monoscale.core;

import java.net.URI;

/**
 * Where a worker can be called and how.
 *
 * @param binding the transport, such as {@code JSONRPC}, {@code HTTP+JSON} or {@code sim}
 * @param protocolVersion the protocol version the endpoint speaks, such as {@code 1.0}; empty when unknown
 */
public record Endpoint(URI url, String binding, String protocolVersion) {}
