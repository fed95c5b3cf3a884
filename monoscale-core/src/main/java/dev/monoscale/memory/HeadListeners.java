package dev.monoscale.memory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The {@link MemoryStore#onNewHead} listeners of one store, written once for every implementation: the store
 * reports each head it learns of with {@link #heard}, from whatever tells it (its own append, a poll, a database
 * notification), and the listeners are called with the heads that are newer than the last one reported, in the
 * order they subscribed, on the reporting thread.
 */
public final class HeadListeners {

    private final List<Consumer<MemoryVersion>> listeners = new CopyOnWriteArrayList<>();
    private @Nullable MemoryVersion last;

    /** Adds {@code listener}; closing the subscription removes it, once. */
    public MemoryStore.Subscription add(Consumer<MemoryVersion> listener) {
        // a wrapper of our own, so that one listener subscribed twice is removed once per close
        Consumer<MemoryVersion> subscribed = version -> listener.accept(version);
        listeners.add(subscribed);
        return () -> listeners.remove(subscribed);
    }

    /** Records {@code head} as known without calling anyone: where a store starts watching from. */
    public synchronized void known(@Nullable MemoryVersion head) {
        if (head != null && (last == null || head.compareTo(last) > 0)) {
            last = head;
        }
    }

    /**
     * Calls every listener with {@code head} if it is newer than the last head reported. A listener's exception is
     * dropped: the version has landed, and the other listeners still hear of it.
     */
    public synchronized void heard(MemoryVersion head) {
        if (last != null && head.compareTo(last) <= 0) {
            return;
        }
        last = head;
        for (Consumer<MemoryVersion> listener : listeners) {
            try {
                listener.accept(head);
            } catch (RuntimeException dropped) {
                // a listener's failure is its own
            }
        }
    }
}
