package dev.monoscale.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Makes, runs and finds the server's tasks: each send is a new task kept in the {@link TaskStore}, run on a virtual
 * thread (or in the caller's thread for a stream). A backend that throws fails its task; it never fails the server.
 */
final class TaskRunner implements AutoCloseable {

    private final A2aBackend backend;
    private final TaskStore store;
    private final Duration blockFor;
    private final InstantSource clock;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    TaskRunner(A2aBackend backend, TaskStore store, Duration blockFor, InstantSource clock) {
        this.backend = backend;
        this.store = store;
        this.blockFor = blockFor;
        this.clock = clock;
    }

    InstantSource clock() {
        return clock;
    }

    /** A new task for {@code text}, kept in the store. */
    ServerTask newTask(String text) {
        ServerTask task = new ServerTask(
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                text,
                clock.instant().toString());
        store.put(task);
        return task;
    }

    Optional<ServerTask> find(String id) {
        return store.get(id);
    }

    /**
     * Starts {@code task} on the server's threads and, for a blocking send (the default of both versions), waits until
     * it has finished or {@code blockFor} has passed since its run began, whichever comes first (so an unfinished task
     * is always a working one, however busy the machine); the client then polls.
     */
    void startAndAwait(ServerTask task, JsonNode params, A2aProtocol protocol) {
        CompletableFuture<Void> done = CompletableFuture.runAsync(
                () -> {
                    task.begin(clock);
                    task.finish(run(task.userText, line -> task.progress(line, clock)), clock);
                },
                threads);
        JsonNode configuration = params.path("configuration");
        boolean blocking = protocol.isV1()
                ? !configuration.path("returnImmediately").asBoolean(false)
                : configuration.path("blocking").asBoolean(true);
        if (!blocking) {
            return;
        }
        try {
            CompletableFuture.anyOf(task.started(), done).get(); // the wait counts from the run's start, not the queue
            done.get(blockFor.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // answered with the working task; the client polls
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            task.finish(A2aBackend.Result.failed("the system failed: " + e.getCause()), clock);
        }
    }

    /** Runs the backend in this thread; a throw becomes a failed result. */
    A2aBackend.Result run(String text, Consumer<String> progress) {
        try {
            return backend.handle(text, progress);
        } catch (RuntimeException e) {
            return A2aBackend.Result.failed(
                    "the system failed: %s: %s".formatted(e.getClass().getSimpleName(), e.getMessage()));
        }
    }

    /** The task as a send answers it: bare at JSON-RPC 0.3, else wrapped as {@code {"task": ...}}. */
    static JsonNode wrap(A2aProtocol protocol, ServerTask task) {
        JsonNode json = task.json(protocol);
        return protocol == A2aProtocol.JSONRPC_0_3
                ? json
                : A2aWire.MAPPER.createObjectNode().set("task", json);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
