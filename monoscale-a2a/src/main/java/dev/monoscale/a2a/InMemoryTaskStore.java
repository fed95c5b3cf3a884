package dev.monoscale.a2a;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The default {@link TaskStore}: tasks in insertion order, the oldest finished ones forgotten past a limit. */
final class InMemoryTaskStore implements TaskStore {

    /** The tasks in the order they were made; guarded by itself. */
    private final Map<String, ServerTask> tasks = new LinkedHashMap<>();

    private final int maxTasks;

    InMemoryTaskStore(int maxTasks) {
        if (maxTasks < 1) {
            throw new IllegalArgumentException("maxTasks must be positive: " + maxTasks);
        }
        this.maxTasks = maxTasks;
    }

    @Override
    public void put(ServerTask task) {
        synchronized (tasks) {
            tasks.put(task.id(), task);
            Iterator<ServerTask> oldest = tasks.values().iterator();
            while (tasks.size() > maxTasks && oldest.hasNext()) {
                if (oldest.next().settled()) {
                    oldest.remove();
                }
            }
        }
    }

    @Override
    public Optional<ServerTask> get(String id) {
        synchronized (tasks) {
            return Optional.ofNullable(tasks.get(id));
        }
    }

    @Override
    public int size() {
        synchronized (tasks) {
            return tasks.size();
        }
    }
}
