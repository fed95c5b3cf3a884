package dev.monoscale.llm.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleClientTest {

    static final String PATH = "/v1/chat/completions";
    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static WireMockServer server;

    final List<Duration> sleeps = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    OpenAiCompatibleClient client(EndpointSettings settings) {
        return new OpenAiCompatibleClient(
                settings,
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                OpenAiCompatibleClient.breaker(settings),
                sleeps::add,
                () -> 0.5,
                InstantSource.fixed(NOW));
    }

    OpenAiCompatibleClient client() {
        return client(EndpointSettings.of(URI.create(server.baseUrl() + "/v1")).withApiKey("sk-test"));
    }

    static ChatRequest request() {
        return ChatRequest.of(
                "stub-model",
                List.of(ChatMessage.system("Answer with A, B or C."), ChatMessage.user("Route: invoices")));
    }

    JsonNode sentBody() throws Exception {
        return new ObjectMapper()
                .readTree(server.getAllServeEvents().getFirst().getRequest().getBodyAsString());
    }

    @Test
    void sendsOnlyTheFieldsThatAreSetAndPassesServerSpecificFieldsThrough() throws Exception {
        server.stubFor(post(PATH).willReturn(okJson(Stubs.choices("B"))));
        var schema =
                new ObjectMapper().readTree("{\"type\":\"object\",\"properties\":{\"agent\":{\"type\":\"string\"}}}");

        client().complete(request()
                .withTemperature(0)
                .withMaxTokens(1)
                .withSeed(42)
                .withLogprobs(5)
                .withN(3)
                .withSchema("route", schema)
                .withExtra(Map.of("structured_outputs", Map.of("choice", List.of("A", "B", "C")))));

        JsonNode body = sentBody();
        assertThat(body.get("model").asText()).isEqualTo("stub-model");
        assertThat(body.get("messages").size()).isEqualTo(2);
        assertThat(body.get("temperature").asDouble()).isZero();
        assertThat(body.get("max_tokens").asInt()).isEqualTo(1);
        assertThat(body.get("seed").asLong()).isEqualTo(42);
        assertThat(body.get("logprobs").asBoolean()).isTrue();
        assertThat(body.get("top_logprobs").asInt()).isEqualTo(5);
        assertThat(body.get("n").asInt()).isEqualTo(3);
        assertThat(body.at("/response_format/type").asText()).isEqualTo("json_schema");
        assertThat(body.at("/response_format/json_schema/name").asText()).isEqualTo("route");
        assertThat(body.at("/response_format/json_schema/schema/properties/agent/type")
                        .asText())
                .isEqualTo("string");
        assertThat(body.at("/structured_outputs/choice/1").asText()).isEqualTo("B");
        assertThat(body.has("stream")).isFalse();
        server.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer sk-test")));
    }

    @Test
    void aPlainRequestSendsNoOptionalFieldButTheEndpointsTokenCap() throws Exception {
        server.stubFor(post(PATH).willReturn(okJson(Stubs.choices("B"))));

        client().complete(request());

        assertThat(sentBody().properties())
                .extracting(Map.Entry::getKey)
                .containsExactly("model", "messages", "max_tokens");
        assertThat(sentBody().get("max_tokens").asInt()).isEqualTo(EndpointSettings.DEFAULT_MAX_TOKENS);
    }

    @Test
    void everyCallIsCappedByTheEndpointsMaxTokensUnlessTheRequestSetsItsOwn() throws Exception {
        server.stubFor(post(PATH).willReturn(okJson(Stubs.choices("B"))));
        OpenAiCompatibleClient capped =
                client(EndpointSettings.of(URI.create(server.baseUrl() + "/v1")).withMaxTokens(256));

        capped.complete(request());
        capped.complete(request().withMaxTokens(4));

        assertThat(server.getAllServeEvents())
                .extracting(event -> new ObjectMapper()
                        .readTree(event.getRequest().getBodyAsString())
                        .get("max_tokens")
                        .asInt())
                .containsExactlyInAnyOrder(256, 4);
    }

    @Test
    void aNotFoundThatDoesNotNameTheModelPointsAtBaseUrlAndV1() {
        server.stubFor(
                post("/chat/completions").willReturn(aResponse().withStatus(404).withBody("404 page not found")));
        OpenAiCompatibleClient withoutV1 = client(EndpointSettings.of(URI.create(server.baseUrl())));

        assertThatThrownBy(() -> withoutV1.complete(request()))
                .isInstanceOfSatisfying(
                        ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.NOT_FOUND))
                .hasMessageContaining("check baseUrl")
                .hasMessageContaining("usually ends in /v1");
    }

    @Test
    void aNotFoundModelIsStillABadRequestAboutTheModelName() {
        server.stubFor(
                post(PATH)
                        .willReturn(
                                aResponse()
                                        .withStatus(404)
                                        .withBody(
                                                "{\"error\": {\"message\": \"The model `gpt-9` does not exist\", \"code\": \"model_not_found\"}}")));

        assertThatThrownBy(() -> client().complete(request()))
                .isInstanceOfSatisfying(
                        ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.BAD_REQUEST));
    }

    @Test
    void readsTheTokenLogprobsWithTheirAlternatives() {
        server.stubFor(post(PATH).willReturn(okJson(Stubs.logprobs("B", Map.of("B", 0.6, "A", 0.25, "C", 0.1)))));

        ChatCompletion completion = client().complete(request().withLogprobs(5));

        ChatCompletion.TokenLogprob token =
                completion.choices().getFirst().logprobs().getFirst();
        assertThat(token.token()).isEqualTo("B");
        assertThat(Math.exp(token.logprob())).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(token.top()).extracting(ChatCompletion.Alternative::token).containsExactlyInAnyOrder("B", "A", "C");
        assertThat(completion.usage()).contains(new ChatCompletion.Usage(57, 1, 58));
    }

    @Test
    void keepsEveryChoiceOfAnNSampleAnswer() {
        server.stubFor(post(PATH).willReturn(okJson(Stubs.choices("B", "A", "B"))));

        ChatCompletion completion = client().complete(request().withN(3));

        assertThat(completion.choices()).extracting(ChatCompletion.Choice::text).containsExactly("B", "A", "B");
    }

    @Test
    void waitsAsLongAsRetryAfterSaysThenSucceeds() {
        server.stubFor(post(PATH)
                .inScenario("rl")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "3")
                        .withBody(Stubs.RATE_LIMITED))
                .willSetStateTo("second"));
        server.stubFor(post(PATH)
                .inScenario("rl")
                .whenScenarioStateIs("second")
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("retry-after-ms", "250")
                        .withHeader("Retry-After", "9")
                        .withBody(Stubs.RATE_LIMITED))
                .willSetStateTo("ok"));
        server.stubFor(post(PATH).inScenario("rl").whenScenarioStateIs("ok").willReturn(okJson(Stubs.choices("B"))));

        ChatCompletion completion = client().complete(request());

        assertThat(completion.text()).isEqualTo("B");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3), Duration.ofMillis(250));
    }

    @Test
    void readsRetryAfterGivenAsAnHttpDate() {
        String inFiveSeconds =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(5).atOffset(ZoneOffset.UTC));
        server.stubFor(post(PATH)
                .inScenario("date")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(503)
                        .withHeader("Retry-After", inFiveSeconds)
                        .withBody(Stubs.OLLAMA_BUSY))
                .willSetStateTo("ok"));
        server.stubFor(post(PATH).inScenario("date").whenScenarioStateIs("ok").willReturn(okJson(Stubs.choices("B"))));

        client().complete(request());

        assertThat(sleeps).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void aRetryAfterLongerThanTheCapMakesTheRateLimitFinal() {
        server.stubFor(post(PATH)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "3600")
                        .withBody(Stubs.RATE_LIMITED)));

        assertThatThrownBy(() -> client().complete(request()))
                .isInstanceOfSatisfying(
                        ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.RATE_LIMITED));
        assertThat(server.getAllServeEvents()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void anExhaustedQuotaIsFinalAndSaysWhatToCheck() {
        server.stubFor(post(PATH)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "1")
                        .withBody(Stubs.QUOTA)));

        assertThatThrownBy(() -> client().complete(request()))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelException.Kind.QUOTA_EXHAUSTED);
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessage("model endpoint " + server.baseUrl()
                        + "/v1: quota exhausted (HTTP 429 insufficient_quota: You exceeded your current quota,"
                        + " please check your plan and billing details.); check the account's quota or billing");
        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    @Test
    void serverErrorsAreRetriedWithExponentialBackoffThenReported() {
        server.stubFor(post(PATH).willReturn(aResponse().withStatus(503).withBody(Stubs.OLLAMA_BUSY)));

        assertThatThrownBy(() -> client().complete(request()))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelException.Kind.SERVER_ERROR);
                    assertThat(e.status()).isEqualTo(503);
                })
                .hasMessageContaining("server busy");
        assertThat(server.getAllServeEvents()).hasSize(4);
        // half of each cap is fixed, the other half jittered (0.5 here): 500 ms, 1 s, 2 s caps
        assertThat(sleeps).containsExactly(Duration.ofMillis(375), Duration.ofMillis(750), Duration.ofMillis(1500));
    }

    @Test
    void contextLengthErrorsAreClassifiedInEveryServersWording() {
        // the last: vLLM's input check, worded as the prompt being longer than the maximum model length
        String vllmPromptTooLong =
                "{\"error\":{\"message\":\"The decoder prompt (length 5000) is longer than the maximum model length of 4096."
                        + " Make sure that `max_model_len` is no smaller than the number of text tokens.\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}}";
        for (String body :
                List.of(Stubs.OPENAI_CONTEXT, Stubs.VLLM_CONTEXT, Stubs.LLAMACPP_CONTEXT, vllmPromptTooLong)) {
            server.resetAll();
            server.stubFor(post(PATH).willReturn(aResponse().withStatus(400).withBody(body)));

            assertThatThrownBy(() -> client().complete(request()))
                    .isInstanceOfSatisfying(
                            ModelException.class,
                            e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.CONTEXT_LENGTH));
            assertThat(server.getAllServeEvents()).hasSize(1);
        }
    }

    @Test
    void aRefusedFeatureIsClassifiedAsUnsupported() {
        for (String body : List.of(Stubs.LLAMACPP_N, Stubs.NO_LOGPROBS_FOR_REASONING)) {
            server.resetAll();
            server.stubFor(post(PATH)
                    .willReturn(aResponse()
                            .withStatus(body.contains("500") ? 500 : 400)
                            .withBody(body)));

            assertThatThrownBy(() -> client().complete(request()))
                    .isInstanceOfSatisfying(
                            ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.UNSUPPORTED));
            assertThat(server.getAllServeEvents()).hasSize(1);
        }
    }

    @Test
    void aSlowServerTimesOut() throws Exception {
        // a socket that is listening but never accepted: the connection is made, no answer ever comes
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            EndpointSettings settings = EndpointSettings.of(
                            URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/v1"))
                    .withRequestTimeout(Duration.ofMillis(200))
                    .withRetry(RetryPolicy.none());

            assertThatThrownBy(() -> client(settings).complete(request()))
                    .isInstanceOfSatisfying(
                            ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.TIMEOUT))
                    .hasMessageContaining("no answer from model 'stub-model' within PT0.2S");
        }
    }

    @Test
    void truncatedOrNonJsonBodiesAreMalformedResponses() {
        for (String body : List.of(
                "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"B",
                "<html>Bad gateway</html>",
                "{\"object\":\"list\"}")) {
            server.resetAll();
            server.stubFor(post(PATH)
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody(body)));

            assertThatThrownBy(() -> client().complete(request()))
                    .isInstanceOfSatisfying(
                            ModelException.class,
                            e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.MALFORMED_RESPONSE));
        }
    }

    @Test
    void aResetConnectionIsRetried() {
        server.stubFor(post(PATH)
                .inScenario("reset")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("ok"));
        server.stubFor(post(PATH).inScenario("reset").whenScenarioStateIs("ok").willReturn(okJson(Stubs.choices("B"))));

        assertThat(client().complete(request()).text()).isEqualTo("B");
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void anUnreachableEndpointNamesItselfAndWhatToCheck() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EndpointSettings settings = EndpointSettings.of(URI.create("http://127.0.0.1:" + port + "/v1"))
                .withRetry(RetryPolicy.none());

        assertThatThrownBy(() -> client(settings).complete(request()))
                .isInstanceOfSatisfying(
                        ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.UNREACHABLE))
                .hasMessageStartingWith(
                        "model endpoint http://127.0.0.1:" + port + "/v1: unreachable (connection refused")
                .hasMessageEndingWith("; check that the server is running and baseUrl is right");
    }

    @Test
    void theCircuitBreakerOpensAfterRepeatedFailuresAndThenRefusesWithoutCalling() {
        server.stubFor(post(PATH).willReturn(aResponse().withStatus(500).withBody("{\"error\":\"boom\"}")));
        EndpointSettings settings = EndpointSettings.of(URI.create(server.baseUrl() + "/v1"))
                .withRetry(RetryPolicy.none())
                .withBreaker(3, Duration.ofMinutes(5));
        OpenAiCompatibleClient client = client(settings);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> client.complete(request())).hasMessageContaining("boom");
        }

        assertThatThrownBy(() -> client.complete(request()))
                .isInstanceOfSatisfying(
                        ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.CIRCUIT_OPEN));
        assertThat(server.getAllServeEvents()).hasSize(3);
    }

    @Test
    void aCallerWhoseStreamCallbackThrowsDoesNotLeaveTheBreakerHalfOpenForever() {
        server.stubFor(post(PATH)
                .inScenario("recover")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":\"boom\"}"))
                .willSetStateTo("ok"));
        server.stubFor(
                post(PATH)
                        .inScenario("recover")
                        .whenScenarioStateIs("ok")
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "text/event-stream")
                                        .withBody(
                                                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"B\"}}]}\n\ndata: [DONE]\n\n")));
        EndpointSettings settings = EndpointSettings.of(URI.create(server.baseUrl() + "/v1"))
                .withRetry(RetryPolicy.none())
                .withBreaker(1, Duration.ofSeconds(30));
        MovableClock clock = new MovableClock(NOW);
        CircuitBreaker breaker = CircuitBreaker.of(
                settings.root(),
                CircuitBreakerConfig.from(
                                OpenAiCompatibleClient.breaker(settings).getCircuitBreakerConfig())
                        .clock(clock)
                        .build());
        OpenAiCompatibleClient client = new OpenAiCompatibleClient(
                settings,
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                breaker,
                sleeps::add,
                () -> 0.5,
                InstantSource.fixed(NOW));
        assertThatThrownBy(() -> client.complete(request())).hasMessageContaining("boom"); // opens the breaker
        clock.move(Duration.ofSeconds(31)); // its wait is over: half-open, one trial call

        assertThatThrownBy(() -> client.stream(request(), delta -> {
                    throw new IllegalStateException("the caller's own bug");
                }))
                .hasMessage("the caller's own bug");

        assertThat(client.stream(request(), delta -> {}).text()).isEqualTo("B");
    }

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a test clock in UTC");
        }
    }

    @Test
    void aQuotaErrorNamedOnlyByItsTypeIsFinal() {
        server.stubFor(
                post(PATH)
                        .willReturn(
                                aResponse()
                                        .withStatus(429)
                                        .withBody(
                                                "{\"error\":{\"message\":\"Quota exceeded for this key.\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":null}}")));

        assertThatThrownBy(() -> client().complete(request()))
                .isInstanceOfSatisfying(
                        ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.QUOTA_EXHAUSTED));
        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    @Test
    void theSettingsNeverPrintTheKey() {
        EndpointSettings settings =
                EndpointSettings.of(URI.create(server.baseUrl() + "/v1")).withApiKey("sk-test-secret");

        assertThat(settings.toString())
                .doesNotContain("sk-test-secret")
                .contains("apiKey=(set)")
                .contains(server.baseUrl());
        assertThat(settings.withApiKey(null).toString()).contains("apiKey=(none)");
    }

    @Test
    void refusedRequestsDoNotOpenTheBreaker() {
        server.stubFor(post(PATH).willReturn(aResponse().withStatus(400).withBody(Stubs.OPENAI_CONTEXT)));
        EndpointSettings settings =
                EndpointSettings.of(URI.create(server.baseUrl() + "/v1")).withBreaker(2, Duration.ofMinutes(5));
        OpenAiCompatibleClient client = client(settings);

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> client.complete(request()))
                    .isInstanceOfSatisfying(
                            ModelException.class,
                            e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.CONTEXT_LENGTH));
        }
        assertThat(server.getAllServeEvents()).hasSize(5);
    }

    @Test
    void streamsTextAsItArrivesAndDemultiplexesChoices() {
        String sse = """
                data: {"id":"s","model":"stub-model","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

                data: {"id":"s","choices":[{"index":0,"delta":{"content":"B"},"logprobs":{"content":[{"token":"B","logprob":-0.5108256,"top_logprobs":[{"token":"B","logprob":-0.5108256},{"token":"A","logprob":-1.3862944}]}]},"finish_reason":null}]}

                data: {"id":"s","choices":[{"index":1,"delta":{"content":"A"},"finish_reason":null}]}

                data: {"id":"s","choices":[{"index":0,"delta":{"content":"!"},"finish_reason":"stop"},{"index":1,"delta":{},"finish_reason":"stop"}]}

                data: {"id":"s","choices":[],"usage":{"prompt_tokens":57,"completion_tokens":3,"total_tokens":60}}

                data: [DONE]

                """;
        server.stubFor(post(PATH)
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "text/event-stream")
                        .withBody(sse)
                        .withChunkedDribbleDelay(5, 100)));
        List<String> pieces = new ArrayList<>();

        ChatCompletion completion =
                client().stream(request().withN(2), delta -> pieces.add(delta.index() + ":" + delta.content()));

        assertThat(completion.choices()).extracting(ChatCompletion.Choice::text).containsExactly("B!", "A");
        assertThat(completion.choices().getFirst().logprobs()).hasSize(1);
        assertThat(completion.usage()).contains(new ChatCompletion.Usage(57, 3, 60));
        assertThat(pieces).containsExactly("0:", "0:B", "1:A", "0:!", "1:");
    }

    @Test
    void anErrorEventInsideAStreamIsAnErrorNotAnEmptyAnswer() {
        String sse = """
                data: {"id":"s","choices":[{"index":0,"delta":{"content":"Par"},"finish_reason":null}]}

                data: {"error":{"message":"engine died","type":"InternalServerError","code":500}}

                """;
        server.stubFor(post(PATH)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "text/event-stream")
                        .withBody(sse)));

        assertThatThrownBy(() -> client().stream(request(), delta -> {}))
                .isInstanceOfSatisfying(
                        ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.STREAM_ERROR))
                .hasMessageContaining("error event inside the stream: engine died");
        assertThat(server.getAllServeEvents()).hasSize(1);
    }
}
