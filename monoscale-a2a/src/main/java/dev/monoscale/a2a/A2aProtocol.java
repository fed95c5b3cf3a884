package dev.monoscale.a2a;

import dev.monoscale.core.Endpoint;
import java.util.Locale;
import java.util.Optional;

/**
 * The wire protocols MonoScale speaks to and as an A2A agent: a transport binding at a protocol version.
 *
 * <ul>
 *   <li>{@link #JSONRPC_1_0}: JSON-RPC 2.0, methods {@code SendMessage} / {@code GetTask} /
 *       {@code SendStreamingMessage}, header {@code A2A-Version: 1.0}, proto-JSON bodies (string enums such as
 *       {@code ROLE_USER}, parts without {@code kind}, results wrapped as {@code {"message"|"task": ...}}).
 *   <li>{@link #JSONRPC_0_3}: JSON-RPC 2.0, methods {@code message/send} / {@code tasks/get} /
 *       {@code message/stream}, {@code kind}-tagged bodies with lower-case roles and states, results unwrapped.
 *       Also used for 0.2-style cards, which name no version.
 *   <li>{@link #REST_1_0}: HTTP+JSON, {@code POST {url}/message:send}, {@code GET {url}/tasks/{id}}, the 1.0 bodies.
 *   <li>{@link #REST_0_3}: HTTP+JSON under {@code {url}/v1/}, proto-JSON of the 0.3 proto (a message's parts are
 *       named {@code content}).
 * </ul>
 */
public enum A2aProtocol {
    JSONRPC_1_0("JSONRPC", "1.0"),
    JSONRPC_0_3("JSONRPC", "0.3"),
    REST_1_0("HTTP+JSON", "1.0"),
    REST_0_3("HTTP+JSON", "0.3");

    private final String binding;
    private final String version;

    A2aProtocol(String binding, String version) {
        this.binding = binding;
        this.version = version;
    }

    /** The protocol version as the {@code A2A-Version} header carries it: {@code 1.0} or {@code 0.3}. */
    public String version() {
        return version;
    }

    public boolean isV1() {
        return version.equals("1.0");
    }

    public boolean isRest() {
        return binding.equals("HTTP+JSON");
    }

    /**
     * The protocol an endpoint of a card speaks, if MonoScale speaks it: a {@code 1.x} version is 1.0; a
     * {@code 0.3.x}, {@code 0.2.x} or absent version is 0.3. Bindings are compared without regard to case;
     * {@code REST} is read as {@code HTTP+JSON}.
     */
    public static Optional<A2aProtocol> of(Endpoint endpoint) {
        String binding = endpoint.binding().strip().toUpperCase(Locale.ROOT);
        boolean rest = binding.equals("HTTP+JSON") || binding.equals("REST");
        if (!rest && !binding.equals("JSONRPC")) {
            return Optional.empty();
        }
        String v = endpoint.protocolVersion().strip();
        boolean v1 = v.equals("1") || v.startsWith("1.");
        boolean v03 = v.isEmpty() || v.startsWith("0.3") || v.startsWith("0.2");
        if (!v1 && !v03) {
            return Optional.empty();
        }
        return Optional.of(rest ? (v1 ? REST_1_0 : REST_0_3) : (v1 ? JSONRPC_1_0 : JSONRPC_0_3));
    }

    @Override
    public String toString() {
        return binding + " " + version;
    }
}
