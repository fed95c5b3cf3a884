package dev.monoscale.llm;

import static dev.monoscale.llm.ScriptedModel.logprobs;
import static dev.monoscale.llm.ScriptedModel.p;
import static dev.monoscale.llm.ScriptedModel.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.monoscale.llm.client.ChatCompletion;
import dev.monoscale.llm.client.ChatMessage;
import dev.monoscale.llm.client.ChatRequest;
import dev.monoscale.llm.client.ModelException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelEstimatorTest {

    static final List<String> LABELS = List.of("A", "B", "C");
    static final ChatRequest QUESTION = ChatRequest.of("m", List.of(ChatMessage.user("Which worker? A, B or C")));

    final ScriptedModel model = new ScriptedModel();

    LabelEstimator estimator(ServerDialect dialect) {
        return new LabelEstimator(model, dialect, LabelEstimator.Settings.defaults());
    }

    @Test
    void renormalisesTheLabelsLogprobsAndMergesSpellingsOfOneLabel() {
        model.then(r -> logprobs("B", p("B", 0.60, "A", 0.25, "C", 0.10, " B", 0.02, "The", 0.01)));

        LabelEstimator.Estimate estimate = estimator(ServerDialect.OPENAI).estimate(QUESTION, LABELS, 7);

        assertThat(estimate.method()).isEqualTo(LabelEstimator.Method.LOGPROBS);
        assertThat(estimate.understood()).isTrue();
        assertThat(estimate.labelMass()).isCloseTo(0.97, within(1e-9));
        assertThat(estimate.probability("B")).isCloseTo(0.62 / 0.97, within(1e-9));
        assertThat(estimate.probability("A")).isCloseTo(0.25 / 0.97, within(1e-9));
        assertThat(estimate.probability("C")).isCloseTo(0.10 / 0.97, within(1e-9));
        ChatRequest sent = model.requests.getFirst();
        assertThat(sent.logprobs()).isTrue();
        assertThat(sent.topLogprobs()).isEqualTo(20);
        assertThat(sent.temperature()).isZero();
        assertThat(sent.maxTokens()).isEqualTo(1);
        assertThat(sent.seed()).isEqualTo(7);
    }

    @Test
    void aLabelOutsideTheTopKGetsAtMostTheSmallestListedProbability() {
        model.then(r -> logprobs("B", p("B", 0.70, "A", 0.28, "\n", 0.015)));

        LabelEstimator.Estimate estimate = estimator(ServerDialect.OPENAI).estimate(QUESTION, LABELS, 1);

        double c = Math.min((1 - 0.995) / 1, 0.015);
        assertThat(estimate.probability("C")).isCloseTo(c / (0.98 + c), within(1e-9));
        assertThat(estimate.probability("C")).isPositive();
        assertThat(estimate.trail()).anyMatch(line -> line.startsWith("1 label outside the server's top 3"));
    }

    @Test
    void readsTheFirstLabelPositionAfterALeadingNewline() {
        ChatCompletion.TokenLogprob newline = new ChatCompletion.TokenLogprob("\n", -0.01, List.of());
        ChatCompletion.TokenLogprob label = new ChatCompletion.TokenLogprob(
                "\u0120A",
                Math.log(0.8),
                List.of(
                        new ChatCompletion.Alternative("\u0120A", Math.log(0.8)),
                        new ChatCompletion.Alternative("\u2581C", Math.log(0.2))));
        model.then(r -> new ChatCompletion(
                "x",
                "m",
                List.of(new ChatCompletion.Choice(0, "\nA", "stop", List.of(newline, label))),
                Optional.empty()));

        LabelEstimator.Estimate estimate = estimator(ServerDialect.OPENAI).estimate(QUESTION, LABELS, 1);

        assertThat(estimate.probability("A")).isGreaterThan(0.79);
        assertThat(estimate.probability("C")).isGreaterThan(0.19);
    }

    @Test
    void anAnswerWithLittleMassOnTheLabelsIsNotUnderstood() {
        model.then(r -> logprobs("The", p("The", 0.85, "A", 0.05, "B", 0.04)));

        LabelEstimator.Estimate estimate = estimator(ServerDialect.OPENAI).estimate(QUESTION, LABELS, 1);

        assertThat(estimate.understood()).isFalse();
        assertThat(estimate.probabilities()).containsExactly(1.0 / 3, 1.0 / 3, 1.0 / 3);
    }

    @Test
    void frequenciesOverNSamplesWithAddHalfSmoothing() {
        model.then(r -> text("B")).then(r -> text("B", "A", "B", "B", " B", "C", "(B)", "B."));

        LabelEstimator.Estimate estimate = estimator(ServerDialect.VLLM).estimate(QUESTION, LABELS, 1);

        assertThat(estimate.method()).isEqualTo(LabelEstimator.Method.N_SAMPLES);
        assertThat(estimate.probability("B")).isCloseTo(6.5 / 9.5, within(1e-9));
        assertThat(estimate.probability("A")).isCloseTo(1.5 / 9.5, within(1e-9));
        assertThat(estimate.probability("C")).isCloseTo(1.5 / 9.5, within(1e-9));
        ChatRequest sampled = model.requests.get(1);
        assertThat(sampled.n()).isEqualTo(8);
        assertThat(sampled.logprobs()).isFalse();
        assertThat(sampled.temperature()).isEqualTo(1.0);
        assertThat(sampled.extra()).containsKey("structured_outputs");
    }

    @Test
    void degradesFromLogprobsToNSamplesToRepeatedSamplesAndSaysSo() {
        model.then(r -> text("B")) // logprobs asked, none returned (LM Studio)
                .then(r -> text("A")); // n=8 asked, one choice returned (Ollama ignores n)
        for (int i = 0; i < 7; i++) {
            model.then(r -> text("A"));
        }
        LabelEstimator estimator = estimator(ServerDialect.GENERIC);

        LabelEstimator.Estimate estimate = estimator.estimate(QUESTION, LABELS, 100);

        assertThat(estimate.method()).isEqualTo(LabelEstimator.Method.REPEATED_SAMPLES);
        assertThat(estimate.trail())
                .containsSubsequence(
                        "label log-probabilities unavailable: the server returned no logprobs; degraded to frequencies over n samples",
                        "frequencies over n samples unavailable: asked for n=8, got 1 choice; degraded to frequencies over repeated single samples");
        assertThat(estimate.probability("A")).isCloseTo(8.5 / 9.5, within(1e-9));
        assertThat(model.requests.subList(2, 9))
                .extracting(ChatRequest::seed)
                .containsExactly(101L, 102L, 103L, 104L, 105L, 106L, 107L);
        assertThat(estimator.method()).isEqualTo(LabelEstimator.Method.REPEATED_SAMPLES);
    }

    @Test
    void whatTheEstimatorLearnedCarriesOverAndIsStillRecorded() {
        LabelEstimator estimator = estimator(ServerDialect.OPENAI);
        model.then(r -> {
                    throw new ModelException(
                            ModelException.Kind.UNSUPPORTED,
                            "scripted",
                            400,
                            null,
                            "logprobs are not supported with reasoning models",
                            null,
                            null);
                })
                .then(r -> text("C", "C", "C", "C", "C", "C", "C", "C"));
        estimator.estimate(QUESTION, LABELS, 1);
        model.then(r -> text("A", "A", "A", "A", "A", "A", "A", "A"));

        LabelEstimator.Estimate second = estimator.estimate(QUESTION, LABELS, 2);

        assertThat(second.method()).isEqualTo(LabelEstimator.Method.N_SAMPLES);
        assertThat(second.trail().getFirst())
                .isEqualTo(
                        "starts at frequencies over n samples: the server refused logprobs (HTTP 400) (learned on an earlier call)");
        assertThat(model.requests).hasSize(3);
    }

    @Test
    void aServerRefusingNDegradesToSeededSingleSamples() {
        model.then(r -> text("B")) // logprobs asked, none returned
                .then(r -> {
                    throw new ModelException(
                            ModelException.Kind.UNSUPPORTED,
                            "scripted",
                            500,
                            null,
                            "Only one completion choice is allowed",
                            null,
                            null);
                });
        for (int i = 0; i < 8; i++) {
            model.then(r -> text("B"));
        }

        LabelEstimator.Estimate estimate = estimator(ServerDialect.GENERIC).estimate(QUESTION, LABELS, 1);

        assertThat(estimate.method()).isEqualTo(LabelEstimator.Method.REPEATED_SAMPLES);
        assertThat(estimate.trail()).anyMatch(line -> line.contains("the server refused n=8 (HTTP 500)"));
        assertThat(estimate.probability("B")).isCloseTo(8.5 / 9.5, within(1e-9));
        assertThat(model.requests).hasSize(10);
    }

    @Test
    void aDialectWithoutLogprobsOrNStartsAtRepeatedSamples() {
        LabelEstimator estimator = estimator(ServerDialect.LMSTUDIO);

        assertThat(estimator.method()).isEqualTo(LabelEstimator.Method.REPEATED_SAMPLES);
    }

    @Test
    void garbageSamplesAreNotUnderstood() {
        LabelEstimator estimator =
                new LabelEstimator(model, ServerDialect.LMSTUDIO, LabelEstimator.Settings.defaults());
        for (String answer : List.of("I think", "worker B or C", "D", "", "Z", "A", "maybe", "none")) {
            model.then(r -> text(answer));
        }

        LabelEstimator.Estimate estimate = estimator.estimate(QUESTION, LABELS, 1);

        assertThat(estimate.understood()).isFalse();
        assertThat(estimate.labelMass()).isEqualTo(1.0 / 8);
    }

    @Test
    void parsesOnlyAnswersThatAreExactlyOneLabel() {
        assertThat(LabelEstimator.parseLabel(" B ", LABELS)).isEqualTo("B");
        assertThat(LabelEstimator.parseLabel("(C).", LABELS)).isEqualTo("C");
        assertThat(LabelEstimator.parseLabel("\u2581A", LABELS)).isEqualTo("A");
        assertThat(LabelEstimator.parseLabel("B or C", LABELS)).isNull();
        assertThat(LabelEstimator.parseLabel("D", LABELS)).isNull();
        assertThat(LabelEstimator.parseLabel("b", LABELS)).isNull();
    }
}
