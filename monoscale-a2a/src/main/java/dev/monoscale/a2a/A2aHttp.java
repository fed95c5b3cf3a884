package dev.monoscale.a2a;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP exchange with a deadline on the whole of it and a bound on the body. The JDK client's request timeout
 * ends when the response headers arrive, so an agent that sends headers and then stalls would hold a call forever;
 * and a body read into one string has no size limit. Here the response, body included, must arrive within the
 * request's timeout and fit in {@code maxBytes}. A body whose declared length is already past the limit is refused as
 * soon as the headers arrive, without reading it: how fast a large body streams must not decide whether the call is
 * "too large" or "too slow".
 */
final class A2aHttp {

    /** The largest agent card read. */
    static final int MAX_CARD_BYTES = 1 << 20;
    /** The largest answer of an agent read. */
    static final int MAX_REPLY_BYTES = 16 << 20;

    private A2aHttp() {}

    /**
     * Sends {@code request} and reads the body as UTF-8.
     *
     * @throws HttpTimeoutException if the whole response has not arrived within the request's timeout
     * @throws IOException if the exchange fails or the body is larger than {@code maxBytes}
     */
    static HttpResponse<String> send(HttpClient http, HttpRequest request, int maxBytes)
            throws IOException, InterruptedException {
        Duration timeout =
                request.timeout().orElseThrow(() -> new IllegalArgumentException("a request without a timeout"));
        CompletableFuture<HttpResponse<String>> response = http.sendAsync(
                request,
                info -> new Bounded(
                        maxBytes,
                        info.headers().firstValueAsLong("Content-Length").orElse(-1)));
        try {
            return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw new HttpTimeoutException("no complete answer within %d ms".formatted(timeout.toMillis()));
        } catch (InterruptedException e) {
            response.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }

    /** A body larger than the limit. */
    static final class TooLarge extends IOException {
        TooLarge(int limit) {
            super("the answer is larger than %d bytes".formatted(limit));
        }
    }

    /**
     * Collects the body up to a limit, and gives up (cancelling the stream) past it, or at once when the declared
     * length is past it.
     */
    private static final class Bounded implements HttpResponse.BodySubscriber<String> {
        private final int limit;
        private final long declared;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<String> body = new CompletableFuture<>();
        private Flow.@Nullable Subscription subscription;

        /** @param declared the body's {@code Content-Length}, or -1 when it has none */
        Bounded(int limit, long declared) {
            this.limit = limit;
            this.declared = declared;
        }

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (declared > limit) {
                subscription.cancel();
                body.completeExceptionally(new TooLarge(limit));
                return;
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + (long) buffer.remaining() > limit) {
                    Objects.requireNonNull(subscription, "onNext after onSubscribe")
                            .cancel();
                    body.completeExceptionally(new TooLarge(limit));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toString(StandardCharsets.UTF_8));
        }
    }
}
