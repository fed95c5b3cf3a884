package dev.monoscale.llm;

import dev.monoscale.llm.client.ChatCompletion;
import dev.monoscale.llm.client.ChatModel;
import dev.monoscale.llm.client.ChatRequest;
import dev.monoscale.llm.client.ModelException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Turns a model's answer to "which label?" into a probability distribution over the offered labels (DESIGN.md §3),
 * with the best estimator the endpoint supports, in this order:
 *
 * <ol>
 *   <li><b>Log-probabilities.</b> One greedy call with {@code logprobs} and {@code top_logprobs}. At the answer's
 *       first label position (else its first non-blank token), each listed alternative's probability goes to the
 *       label it spells ({@code "B"}, {@code " B"}, {@code "ĠB"} and {@code "▁B"} all count for B). A label the
 *       server did not list gets min(unlisted mass / unlisted labels, smallest listed probability), so no offered
 *       worker has probability 0. Then the labels are renormalised. The mass the model put on the labels is kept.
 *   <li><b>n samples.</b> One call with {@code n} at the sampling temperature; frequencies of the labels among the
 *       answers, smoothed by adding {@code smoothing} to every label.
 *   <li><b>Repeated single samples.</b> The same frequencies from separate calls with seeds seed, seed+1, …
 * </ol>
 * A missing capability (no logprobs in the answer, a refusal, fewer choices than {@code n}) moves this
 * estimator permanently to the next method, and every estimate says so in its trail: the distribution is never
 * silently of another kind. An answer is <em>understood</em> when the labels carry at least {@code minLabelMass}
 * of the probability (log-probabilities), or at least half of the samples are labels. Thread-safe.
 */
public final class LabelEstimator {

    /** How π was obtained. */
    public enum Method {
        LOGPROBS,
        N_SAMPLES,
        REPEATED_SAMPLES;

        public String label() {
            return switch (this) {
                case LOGPROBS -> "label log-probabilities";
                case N_SAMPLES -> "frequencies over n samples";
                case REPEATED_SAMPLES -> "frequencies over repeated single samples";
            };
        }
    }

    /**
     * @param topLogprobs alternatives asked per token, in [1, 20] (default 20)
     * @param samples answers drawn by the sampling methods, in [2, 64] (default 8)
     * @param temperature of the sampling methods, in (0, 2] (default 1)
     * @param minLabelMass the least probability on the labels for a log-probability answer to count, in (0, 1] (default 0.5)
     * @param smoothing added to every label's count by the sampling methods, in [0, 5] (default 0.5)
     */
    public record Settings(int topLogprobs, int samples, double temperature, double minLabelMass, double smoothing) {

        public Settings {
            if (topLogprobs < 1
                    || topLogprobs > 20
                    || samples < 2
                    || samples > 64
                    || !(temperature > 0 && temperature <= 2)
                    || !(minLabelMass > 0 && minLabelMass <= 1)
                    || !(smoothing >= 0 && smoothing <= 5)) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "estimator settings out of range: topLogprobs %d in [1, 20], samples %d in [2, 64], temperature %s in (0, 2],"
                                + " minLabelMass %s in (0, 1], smoothing %s in [0, 5]",
                        topLogprobs,
                        samples,
                        temperature,
                        minLabelMass,
                        smoothing));
            }
        }

        public static Settings defaults() {
            return new Settings(20, 8, 1.0, 0.5, 0.5);
        }
    }

    /**
     * One estimate.
     *
     * @param probabilities one per label, summing to 1; uniform when the answer was not understood
     * @param labelMass the probability the model put on the labels (log-probabilities), or the share of samples that were labels
     * @param answers what the model said: the greedy answer, or every sample
     * @param trail how the estimate was reached, including every degradation, for the decision's trace
     */
    @SuppressWarnings("ArrayRecordComponent") // read by index by the router; estimates are never compared or hashed
    public record Estimate(
            List<String> labels,
            double[] probabilities,
            Method method,
            double labelMass,
            boolean understood,
            List<String> answers,
            List<String> trail) {

        public Estimate {
            labels = List.copyOf(labels);
            probabilities = probabilities.clone();
            answers = List.copyOf(answers);
            trail = List.copyOf(trail);
        }

        public double probability(String label) {
            int at = labels.indexOf(label);
            return at < 0 ? 0 : probabilities[at];
        }
    }

    private final ChatModel model;
    private final ServerDialect dialect;
    private final Settings settings;
    /** The method estimates start with, and why it is not logprobs; one value, so the two never disagree. */
    private record Floor(Method method, String why) {}

    private final AtomicReference<Floor> floor;

    public LabelEstimator(ChatModel model, ServerDialect dialect, Settings settings) {
        this.model = model;
        this.dialect = dialect;
        this.settings = settings;
        this.floor = new AtomicReference<>(
                dialect.logprobs()
                        ? new Floor(Method.LOGPROBS, "")
                        : new Floor(
                                afterLogprobs(),
                                "the %s dialect has no %s"
                                        .formatted(
                                                dialect.configName(), dialect.n() ? "logprobs" : "logprobs and no n")));
    }

    /** What the dialect offers when logprobs are missing: n samples in one call, or else repeated calls. */
    private Method afterLogprobs() {
        return dialect.n() ? Method.N_SAMPLES : Method.REPEATED_SAMPLES;
    }

    /** The method the next estimate will start with. */
    public Method method() {
        return floor.get().method();
    }

    /**
     * The distribution over {@code labels} for the question in {@code request} (its messages and model; the
     * estimator sets temperature, tokens, seed, logprobs and n).
     */
    public Estimate estimate(ChatRequest request, List<String> labels, long seed) {
        List<String> trail = new ArrayList<>();
        Floor start = floor.get();
        Method method = start.method();
        if (method != Method.LOGPROBS) {
            trail.add("starts at " + method.label() + ": " + start.why());
        }
        ChatRequest constrained = request.withExtra(dialect.labelConstraint(labels));
        if (method == Method.LOGPROBS) {
            String missing;
            try {
                ChatCompletion completion = model.complete(constrained
                        .withTemperature(0)
                        .withMaxTokens(1)
                        .withSeed(seed)
                        .withLogprobs(settings.topLogprobs()));
                ChatCompletion.Choice choice = completion.choices().isEmpty()
                        ? null
                        : completion.choices().getFirst();
                if (choice != null && !choice.logprobs().isEmpty()) {
                    return fromLogprobs(choice, labels, trail);
                }
                missing = "the server returned no logprobs";
            } catch (ModelException e) {
                if (e.kind() != ModelException.Kind.UNSUPPORTED) {
                    throw e;
                }
                missing = "the server refused logprobs (" + e.code().orElse("HTTP " + e.status()) + ")";
            }
            method = degrade(Method.LOGPROBS, afterLogprobs(), missing, trail);
        }
        List<String> answers = new ArrayList<>();
        if (method == Method.N_SAMPLES) {
            String missing;
            try {
                ChatCompletion completion = model.complete(constrained
                        .withoutLogprobs()
                        .withTemperature(settings.temperature())
                        .withMaxTokens(4)
                        .withSeed(seed)
                        .withN(settings.samples()));
                completion.choices().forEach(choice -> answers.add(choice.text()));
                if (completion.choices().size() >= settings.samples()) {
                    return fromSamples(Method.N_SAMPLES, answers, labels, trail);
                }
                missing = "asked for n=%d, got %d choice%s"
                        .formatted(
                                settings.samples(),
                                completion.choices().size(),
                                completion.choices().size() == 1 ? "" : "s");
            } catch (ModelException e) {
                if (e.kind() != ModelException.Kind.UNSUPPORTED) {
                    throw e;
                }
                missing = "the server refused n=%d (%s)"
                        .formatted(settings.samples(), e.code().orElse("HTTP " + e.status()));
            }
            degrade(Method.N_SAMPLES, Method.REPEATED_SAMPLES, missing, trail);
        }
        for (int i = answers.size(); i < settings.samples(); i++) {
            ChatCompletion completion = model.complete(constrained
                    .withoutLogprobs()
                    .withN(1)
                    .withTemperature(settings.temperature())
                    .withMaxTokens(4)
                    .withSeed(seed + i));
            answers.add(completion.text());
        }
        return fromSamples(Method.REPEATED_SAMPLES, answers, labels, trail);
    }

    private Method degrade(Method from, Method to, String reason, List<String> trail) {
        trail.add("%s unavailable: %s; degraded to %s".formatted(from.label(), reason, to.label()));
        floor.updateAndGet(
                f -> f.method().compareTo(to) < 0 ? new Floor(to, reason + " (learned on an earlier call)") : f);
        return to;
    }

    private Estimate fromLogprobs(ChatCompletion.Choice choice, List<String> labels, List<String> trail) {
        ChatCompletion.TokenLogprob at = null;
        for (ChatCompletion.TokenLogprob token : choice.logprobs()) {
            if (labels.contains(normalise(token.token()))) {
                at = token;
                break;
            }
        }
        if (at == null) {
            at = choice.logprobs().stream()
                    .filter(t -> !t.token().isBlank())
                    .findFirst()
                    .orElse(choice.logprobs().getFirst());
        }
        List<ChatCompletion.Alternative> listed =
                at.top().isEmpty() ? List.of(new ChatCompletion.Alternative(at.token(), at.logprob())) : at.top();
        Map<String, Double> mass = new LinkedHashMap<>();
        labels.forEach(label -> mass.put(label, 0.0));
        double listedMass = 0;
        double smallest = 1;
        for (ChatCompletion.Alternative alternative : listed) {
            double p = Math.exp(alternative.logprob());
            listedMass += p;
            smallest = Math.min(smallest, p);
            String label = normalise(alternative.token());
            if (mass.containsKey(label)) {
                mass.merge(label, p, Double::sum);
            }
        }
        double covered = mass.values().stream().mapToDouble(Double::doubleValue).sum();
        long unlisted = mass.values().stream().filter(p -> p == 0).count();
        if (unlisted > 0) {
            double share = Math.min(Math.max(0, 1 - listedMass) / unlisted, smallest);
            double floorMass = Math.max(share, 1e-6);
            mass.replaceAll((label, p) -> p == 0 ? floorMass : p);
            trail.add("%d label%s outside the server's top %d got %.2g each"
                    .formatted(unlisted, unlisted == 1 ? "" : "s", listed.size(), floorMass));
        }
        double[] p = normalised(labels, mass);
        boolean understood = covered >= settings.minLabelMass();
        trail.add(String.format(
                Locale.ROOT,
                "%s: the model put %.3f of its probability on the labels",
                Method.LOGPROBS.label(),
                covered));
        return new Estimate(
                labels,
                understood ? p : uniform(labels.size()),
                Method.LOGPROBS,
                covered,
                understood,
                List.of(choice.text()),
                trail);
    }

    private Estimate fromSamples(Method method, List<String> answers, List<String> labels, List<String> trail) {
        Map<String, Double> counts = new LinkedHashMap<>();
        labels.forEach(label -> counts.put(label, settings.smoothing()));
        int valid = 0;
        for (String answer : answers) {
            String label = parseLabel(answer, labels);
            if (label != null) {
                counts.merge(label, 1.0, Double::sum);
                valid++;
            }
        }
        boolean understood = valid > 0 && 2 * valid >= answers.size();
        trail.add(String.format(
                Locale.ROOT, "%s: %d of %d answers were labels %s", method.label(), valid, answers.size(), answers));
        return new Estimate(
                labels,
                understood ? normalised(labels, counts) : uniform(labels.size()),
                method,
                answers.isEmpty() ? 0 : (double) valid / answers.size(),
                understood,
                answers,
                trail);
    }

    private static double[] normalised(List<String> labels, Map<String, Double> mass) {
        double sum = mass.values().stream().mapToDouble(Double::doubleValue).sum();
        double[] p = new double[labels.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = sum > 0 ? Objects.requireNonNull(mass.get(labels.get(i))) / sum : 1.0 / p.length;
        }
        return p;
    }

    private static double[] uniform(int n) {
        double[] p = new double[n];
        java.util.Arrays.fill(p, 1.0 / n);
        return p;
    }

    /** A token as a label: {@code " B"}, {@code "ĠB"} (GPT-2 BPE) and {@code "▁B"} (SentencePiece) become {@code "B"}. */
    static String normalise(String token) {
        String t = token.strip();
        while (!t.isEmpty() && (t.charAt(0) == '\u0120' || t.charAt(0) == '\u2581')) {
            t = t.substring(1);
        }
        return t.strip();
    }

    /** The label a whole answer names, such as {@code "B"}, {@code "(B)"} or {@code "B."}; null for anything else. */
    static @Nullable String parseLabel(String answer, List<String> labels) {
        String[] words = normalise(answer).split("[^A-Za-z0-9]+");
        List<String> nonEmpty =
                java.util.Arrays.stream(words).filter(w -> !w.isEmpty()).toList();
        return nonEmpty.size() == 1 && labels.contains(nonEmpty.getFirst()) ? nonEmpty.getFirst() : null;
    }
}
