package dev.monoscale.llm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monoscale.llm.client.ModelException.Kind;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server-sent events read line by line, without a server: how events are cut, joined and ended. */
class StreamAggregatorTest {

    static final Kind MALFORMED = Kind.MALFORMED_RESPONSE;
    static final String ENDPOINT = "http://127.0.0.1:9/v1";
    static final ChatRequest REQUEST = ChatRequest.of("stub-model", List.of(ChatMessage.user("Route: invoices")));

    final StreamAggregator aggregator =
            new StreamAggregator(ENDPOINT, new Failures(ENDPOINT, Duration.ofSeconds(60), InstantSource.system()));
    final List<StreamDelta> deltas = new ArrayList<>();

    ChatCompletion read(String... lines) {
        return aggregator.aggregate(REQUEST, List.of(lines).iterator(), deltas::add);
    }

    @Test
    void anEventSpreadOverSeveralDataLinesIsJoinedAndTheSpaceAfterTheColonIsOptional() {
        ChatCompletion completion = read(
                "data: {\"id\":\"s\",",
                "data:\"choices\":[{\"index\":0,\"delta\":{\"content\":\"B\"}}]}",
                "",
                "data: [DONE]",
                "");

        assertThat(completion.text()).isEqualTo("B");
        assertThat(completion.id()).isEqualTo("s");
        assertThat(deltas).extracting(StreamDelta::content).containsExactly("B");
    }

    @Test
    void commentsAndOtherFieldsAreSkipped() {
        ChatCompletion completion = read(
                ": keep-alive",
                "event: message",
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"},\"finish_reason\":\"stop\"}]}",
                "",
                "data: [DONE]",
                "");

        assertThat(completion.text()).isEqualTo("A");
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo("stop");
    }

    @Test
    void nothingIsReadAfterDone() {
        Iterator<String> lines = new Iterator<>() {
            final Iterator<String> sent = List.of(
                            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"C\"}}]}", "",
                            "data: [DONE]", "")
                    .iterator();

            @Override
            public boolean hasNext() {
                return true; // a connection the server keeps open after [DONE]
            }

            @Override
            public String next() {
                if (!sent.hasNext()) {
                    throw new AssertionError("read past [DONE]");
                }
                return sent.next();
            }
        };

        assertThat(aggregator.aggregate(REQUEST, lines, deltas::add).text()).isEqualTo("C");
    }

    @Test
    void aStreamThatEndsWithoutDoneKeepsWhatArrivedAndALastEventWithoutABlankLineCounts() {
        ChatCompletion completion = read(
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Par\"}}]}",
                "",
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"is\"}}]}");

        assertThat(completion.text()).isEqualTo("Paris");
    }

    @Test
    void aStreamWithoutAnyEventIsMalformed() {
        assertThatThrownBy(() -> read(": keep-alive", ""))
                .isInstanceOfSatisfying(
                        ModelException.class, e -> assertThat(e.kind()).isEqualTo(MALFORMED))
                .hasMessageContaining("the stream for model 'stub-model' ended without an event");
    }

    @Test
    void anEventThatIsNotJsonIsMalformed() {
        assertThatThrownBy(() -> read("data: {\"choices\":[", ""))
                .isInstanceOfSatisfying(
                        ModelException.class, e -> assertThat(e.kind()).isEqualTo(MALFORMED))
                .hasMessageContaining("a stream event is not JSON: '{\"choices\":['");
    }
}
