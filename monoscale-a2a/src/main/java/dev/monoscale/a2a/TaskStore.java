package dev.monoscale.a2a;

import java.util.Optional;

/**
 * Where {@link A2aServer} keeps the tasks it made, so that {@code GetTask} can find them. The default,
 * {@link #inMemory(int)}, keeps the newest ones in the server's heap; a store that outlives the process plugs in here.
 * Implementations are thread-safe.
 */
public interface TaskStore {

    /** Keeps {@code task} (it may then forget older finished tasks). */
    void put(ServerTask task);

    /** The task with this id, if it is still kept. */
    Optional<ServerTask> get(String id);

    /** How many tasks are kept. */
    int size();

    /** Tasks in memory; past {@code maxTasks} the oldest finished ones are forgotten. */
    static TaskStore inMemory(int maxTasks) {
        return new InMemoryTaskStore(maxTasks);
    }
}
