package dev.monoscale.llm.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Ends the read of a response body that has been silent for longer than {@code idle}: the request timeout
 * covers only the wait for the headers, so a server that sends them and then stalls would hang the caller. The
 * body is closed from the timer thread, which makes the blocked read fail; that failure is reported as a
 * {@link ModelException.Kind#TIMEOUT}. One daemon timer thread checks the bodies of every client.
 */
final class Watchdog implements AutoCloseable {

    private static final ScheduledExecutorService TIMER = timer();

    /** Reads a response body; the result or an I/O failure. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    private final InputStream body;
    private final long idleNanos;
    private final String endpoint;
    private final ScheduledFuture<?> check;
    private volatile long last = System.nanoTime();
    private volatile boolean fired;

    Watchdog(InputStream body, Duration idle, String endpoint) {
        this.body = body;
        this.idleNanos = idle.toNanos();
        this.endpoint = endpoint;
        long period = Math.max(10, idle.toMillis() / 10);
        this.check = TIMER.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "llm-body-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private void check() {
        if (System.nanoTime() - last > idleNanos) {
            fired = true;
            check.cancel(false);
            try {
                body.close();
            } catch (IOException ignored) {
                // the reader sees the closed body either way
            }
        }
    }

    /** {@code reader}'s result on the watched body; a read the watchdog ended is a timeout naming the model. */
    <T> T read(ChatRequest request, BodyReader<T> reader) throws IOException {
        InputStream touching = new FilterInputStream(body) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                last = System.nanoTime();
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                last = System.nanoTime();
                return n;
            }
        };
        try {
            return reader.read(touching);
        } catch (IOException | UncheckedIOException e) {
            if (fired) {
                throw stalled(request);
            }
            throw e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e;
        } catch (ModelException e) {
            throw fired ? stalled(request) : e;
        }
    }

    private ModelException stalled(ChatRequest request) {
        return new ModelException(
                ModelException.Kind.TIMEOUT,
                endpoint,
                0,
                null,
                "the answer from model '%s' stalled: nothing arrived for %s"
                        .formatted(request.model(), Duration.ofNanos(idleNanos)),
                null,
                null);
    }

    @Override
    public void close() {
        check.cancel(false);
        try {
            body.close();
        } catch (IOException ignored) {
            // nothing more to read
        }
    }
}
