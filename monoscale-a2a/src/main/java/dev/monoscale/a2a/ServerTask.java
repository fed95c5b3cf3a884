package dev.monoscale.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;

/**
 * One task of {@link A2aServer}: its state, its last status line, and its answer once done. Thread-safe. Kept by a
 * {@link TaskStore}; only the server changes it.
 */
public final class ServerTask {

    private final String id;
    private final String contextId;
    final String userText;
    private A2aTaskState state = A2aTaskState.SUBMITTED;
    private String statusText = "";
    private String answer = "";
    private String timestamp;
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    ServerTask(String id, String contextId, String userText, String timestamp) {
        this.id = id;
        this.contextId = contextId;
        this.userText = userText;
        this.timestamp = timestamp;
    }

    public String id() {
        return id;
    }

    public String contextId() {
        return contextId;
    }

    /** Whether the task has finished, answered or failed. */
    public synchronized boolean settled() {
        return state.settled();
    }

    /** The run has begun: the task is working from now on, until it settles. */
    void begin(InstantSource clock) {
        synchronized (this) {
            if (state == A2aTaskState.SUBMITTED) {
                state = A2aTaskState.WORKING;
                timestamp = clock.instant().toString();
            }
        }
        started.complete(null);
    }

    /** Completes when the run has begun. */
    CompletableFuture<Void> started() {
        return started;
    }

    synchronized void progress(String line, InstantSource clock) {
        if (!state.settled()) {
            state = A2aTaskState.WORKING;
            statusText = line;
            timestamp = clock.instant().toString();
        }
    }

    synchronized void finish(A2aBackend.Result result, InstantSource clock) {
        if (state.settled()) {
            return;
        }
        state = result.succeeded() ? A2aTaskState.COMPLETED : A2aTaskState.FAILED;
        answer = result.succeeded() ? result.text() : "";
        statusText = result.succeeded() ? "" : result.text();
        timestamp = clock.instant().toString();
    }

    /** The task in the protocol's shape. */
    synchronized ObjectNode json(A2aProtocol protocol) {
        ObjectNode task = A2aWire.MAPPER.createObjectNode();
        if (protocol == A2aProtocol.JSONRPC_0_3) {
            task.put("kind", "task");
        }
        task.put("id", id);
        task.put("contextId", contextId);
        task.set("status", status(protocol));
        if (state == A2aTaskState.COMPLETED) {
            task.putArray("artifacts").add(artifact(protocol));
        }
        task.putArray("history").add(A2aWire.message(protocol, "request-" + id, "user", userText, id, contextId));
        return task;
    }

    synchronized JsonNode statusUpdate(A2aProtocol protocol, boolean last) {
        ObjectNode update = event(protocol, "status-update");
        update.set("status", status(protocol));
        if (!protocol.isV1()) {
            update.put("final", last);
        }
        return protocol == A2aProtocol.JSONRPC_0_3
                ? update
                : A2aWire.MAPPER.createObjectNode().set("statusUpdate", update);
    }

    synchronized JsonNode artifactUpdate(A2aProtocol protocol) {
        ObjectNode update = event(protocol, "artifact-update");
        update.set("artifact", artifact(protocol));
        update.put("lastChunk", true);
        return protocol == A2aProtocol.JSONRPC_0_3
                ? update
                : A2aWire.MAPPER.createObjectNode().set("artifactUpdate", update);
    }

    /** A streamed event about this task: its ids, and at JSON-RPC 0.3 its {@code kind}. */
    private ObjectNode event(A2aProtocol protocol, String kind) {
        ObjectNode event = A2aWire.MAPPER.createObjectNode();
        if (protocol == A2aProtocol.JSONRPC_0_3) {
            event.put("kind", kind);
        }
        event.put("taskId", id);
        event.put("contextId", contextId);
        return event;
    }

    private ObjectNode status(A2aProtocol protocol) {
        ObjectNode status = A2aWire.MAPPER.createObjectNode();
        status.put("state", protocol == A2aProtocol.JSONRPC_0_3 ? state.v03() : state.v1());
        if (!statusText.isEmpty()) {
            status.set(
                    "message",
                    A2aWire.message(
                            protocol,
                            "status-" + id + "-" + Integer.toHexString(statusText.hashCode()),
                            "agent",
                            statusText,
                            id,
                            contextId));
        }
        status.put("timestamp", timestamp);
        return status;
    }

    private ObjectNode artifact(A2aProtocol protocol) {
        ObjectNode artifact =
                A2aWire.MAPPER.createObjectNode().put("artifactId", "answer").put("name", "answer");
        artifact.set(
                "parts", A2aWire.textParts(protocol == A2aProtocol.REST_0_3 ? A2aProtocol.REST_1_0 : protocol, answer));
        return artifact;
    }
}
