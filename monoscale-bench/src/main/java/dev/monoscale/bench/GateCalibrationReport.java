package dev.monoscale.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monoscale.stats.Interval;
import dev.monoscale.stats.Proportions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the gate calibration benchmark found, per round variant, side by side.
 *
 * @param rounds how many rounds were run
 * @param alpha the level the rounds' gates were given
 * @param opportunityRounds rounds where some candidate (of any variant) has a true gain of at least 3 points: the
 *     denominator of every variant's adoption rate
 * @param meanOpportunity mean over rounds of max(0, the best candidate's true gain): what choosing the best of the
 *     proposed candidates, or the fallback, with hindsight would realise
 * @param roundsPerStage how many rounds onboarded each stage
 * @param exactRounds rounds whose truth is exact (the rest are on sampled tasks)
 * @param maxGainStandardError the largest standard error of a true gain over all rounds (0 when all are exact)
 * @param oracle the yardstick ({@link OracleTest}) over the opportunity rounds: what a test that knew which
 *     candidate to test would adopt on the same budget
 */
public record GateCalibrationReport(
        int rounds,
        long firstSeed,
        double alpha,
        int opportunityRounds,
        double meanOpportunity,
        Map<Integer, Integer> roundsPerStage,
        int exactRounds,
        double maxGainStandardError,
        Oracle oracle,
        List<VariantSummary> variants,
        List<GateCalibration.RoundResult> results) {

    /**
     * The yardstick's figures over the opportunity rounds.
     *
     * @param meanPower the mean of the rounds' {@link GateCalibration.RoundResult#oraclePower()}: the adoption rate
     *     the oracle test would have in expectation
     * @param powerBySize the same mean per band of {@link #BANDS} (NaN for an empty band)
     * @param medianTasksPerWorker the median over the opportunity rounds of the warm-up tasks per new worker the oracle
     *     test needs for a power of 0.8
     * @param roundsWithin the opportunity rounds where the oracle test reaches a power of 0.8 within the round's budget
     */
    public record Oracle(double meanPower, List<Double> powerBySize, int medianTasksPerWorker, int roundsWithin) {
        public Oracle {
            powerBySize = List.copyOf(powerBySize);
        }
    }

    public GateCalibrationReport {
        roundsPerStage = java.util.Collections.unmodifiableMap(new TreeMap<>(roundsPerStage));
        variants = List.copyOf(variants);
        results = List.copyOf(results);
    }

    /**
     * One variant's figures.
     *
     * @param harmfulAcceptanceRate share of all rounds that accepted a memory with a true gain below 0
     * @param adoptionRate among the opportunity rounds, the share that accepted a memory with a true gain above 0
     * @param meanRealisedGain mean over all rounds of the appended memory's true gain (0 for a fallback)
     * @param meanWarmupTasks mean warm-up tasks run per round
     * @param meanWorkerCalls mean worker calls per round, warm-up and confirmation together: what a round costs
     * @param nonFiniteGateRecords rounds whose gate record holds a NaN or infinite number
     * @param errors rounds where the variant threw (counted as fallbacks)
     * @param adoptionBySize the adoption rate again, per band of the opportunity's size (the best candidate's true
     *     gain), in the order of {@link #BANDS}: how often a newcomer that is clearly better is taken up
     */
    public record VariantSummary(
            String name,
            int harmfulAcceptances,
            double harmfulAcceptanceRate,
            Interval harmfulAcceptanceInterval,
            int adoptions,
            double adoptionRate,
            Interval adoptionInterval,
            int acceptances,
            double acceptanceRate,
            double meanRealisedGain,
            double meanWarmupTasks,
            double meanWorkerCalls,
            int nonFiniteGateRecords,
            int errors,
            List<Band> adoptionBySize) {
        public VariantSummary {
            adoptionBySize = List.copyOf(adoptionBySize);
        }
    }

    /**
     * Adoption among the opportunity rounds whose best candidate gains at least {@code from} and less than {@code to}
     * (true gain, accuracy points as fractions).
     */
    public record Band(double from, double to, int rounds, int adoptions) {
        /** The share adopted, NaN for a band with no round. */
        public double rate() {
            return rounds == 0 ? Double.NaN : (double) adoptions / rounds;
        }
    }

    /** The bands of opportunity size the adoption rate is broken into: 3-5, 5-10, 10-20 and 20 or more points. */
    public static final List<Double> BANDS =
            List.of(GateCalibration.OPPORTUNITY, 0.05, 0.10, 0.20, Double.POSITIVE_INFINITY);

    static GateCalibrationReport of(
            GateCalibration.Settings settings, List<String> names, List<GateCalibration.RoundResult> results) {
        int n = results.size();
        int opportunities = 0;
        double opportunity = 0;
        int exact = 0;
        double se = 0;
        Map<Integer, Integer> perStage = new TreeMap<>();
        double power = 0;
        double[] bandPower = new double[BANDS.size() - 1];
        int[] bandCount = new int[BANDS.size() - 1];
        List<Integer> needed = new ArrayList<>();
        int within = 0;
        for (GateCalibration.RoundResult r : results) {
            double best = r.bestCandidateGain();
            if (best >= GateCalibration.OPPORTUNITY) {
                power += r.oraclePower();
                needed.add(r.oracleTasksPerWorker());
                within += r.oraclePower() >= 0.8 ? 1 : 0;
                int band = band(best);
                bandPower[band] += r.oraclePower();
                bandCount[band]++;
            }
            opportunities += best >= GateCalibration.OPPORTUNITY ? 1 : 0;
            opportunity += Math.max(0, best);
            exact += r.truthExact() ? 1 : 0;
            se = Math.max(se, r.gainStandardError());
            perStage.merge(r.stage(), 1, Integer::sum);
        }
        List<VariantSummary> summaries = new ArrayList<>();
        for (int v = 0; v < names.size(); v++) {
            int harmful = 0;
            int adopted = 0;
            int accepted = 0;
            int nonFinite = 0;
            int errors = 0;
            double realised = 0;
            double warmup = 0;
            double calls = 0;
            int[] bandRounds = new int[BANDS.size() - 1];
            int[] bandAdoptions = new int[BANDS.size() - 1];
            for (GateCalibration.RoundResult r : results) {
                GateCalibration.VariantOutcome o = r.variants().get(v);
                harmful += o.accepted() && o.realisedGain() < 0 ? 1 : 0;
                boolean offered = r.bestCandidateGain() >= GateCalibration.OPPORTUNITY;
                boolean adopts = offered && o.accepted() && o.realisedGain() > 0;
                adopted += adopts ? 1 : 0;
                int band = band(r.bestCandidateGain());
                if (band >= 0) {
                    bandRounds[band]++;
                    bandAdoptions[band] += adopts ? 1 : 0;
                }
                accepted += o.accepted() ? 1 : 0;
                nonFinite += o.nonFiniteGate() ? 1 : 0;
                errors += o.error().isPresent() ? 1 : 0;
                realised += o.realisedGain();
                warmup += o.warmupTasks();
                calls += o.warmupCalls();
            }
            summaries.add(new VariantSummary(
                    names.get(v),
                    harmful,
                    rate(harmful, n),
                    wilson(harmful, n),
                    adopted,
                    rate(adopted, opportunities),
                    wilson(adopted, opportunities),
                    accepted,
                    rate(accepted, n),
                    n == 0 ? 0 : realised / n,
                    n == 0 ? 0 : warmup / n,
                    n == 0 ? 0 : calls / n,
                    nonFinite,
                    errors,
                    bands(bandRounds, bandAdoptions)));
        }
        List<Double> powerBySize = new ArrayList<>();
        for (int b = 0; b < bandPower.length; b++) {
            powerBySize.add(bandCount[b] == 0 ? Double.NaN : bandPower[b] / bandCount[b]);
        }
        java.util.Collections.sort(needed);
        Oracle oracle = new Oracle(
                opportunities == 0 ? Double.NaN : power / opportunities,
                powerBySize,
                needed.isEmpty() ? 0 : needed.get(needed.size() / 2),
                within);
        return new GateCalibrationReport(
                n,
                settings.firstSeed(),
                settings.round().gate().alpha(),
                opportunities,
                n == 0 ? 0 : opportunity / n,
                perStage,
                exact,
                se,
                oracle,
                summaries,
                results);
    }

    /** The band a best-candidate gain falls in, or -1 below the opportunity threshold. */
    static int band(double gain) {
        for (int b = 0; b < BANDS.size() - 1; b++) {
            if (gain >= BANDS.get(b) && gain < BANDS.get(b + 1)) {
                return b;
            }
        }
        return -1;
    }

    private static List<Band> bands(int[] rounds, int[] adoptions) {
        List<Band> bands = new ArrayList<>();
        for (int b = 0; b < rounds.length; b++) {
            bands.add(new Band(BANDS.get(b), BANDS.get(b + 1), rounds[b], adoptions[b]));
        }
        return bands;
    }

    private static String bandName(double from, double to) {
        return Double.isFinite(to)
                ? String.format(Locale.ROOT, "%.0f-%.0f points", 100 * from, 100 * to)
                : String.format(Locale.ROOT, ">= %.0f points", 100 * from);
    }

    private static Interval wilson(int count, int of) {
        return of == 0 ? new Interval(0, 1) : Proportions.wilson(count, of, Proportions.Z95);
    }

    private static double rate(int count, int of) {
        return of == 0 ? Double.NaN : (double) count / of;
    }

    /** The side-by-side table. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "gate calibration: %d rounds on generated worlds (seeds %d..%d), alpha %s%n",
                rounds,
                firstSeed,
                firstSeed + rounds - 1,
                num(alpha)));
        out.append(String.format(
                Locale.ROOT,
                "rounds per stage onboarded: %s; truth exact in %d of %d rounds%s%n",
                roundsPerStage,
                exactRounds,
                rounds,
                exactRounds == rounds
                        ? " (standard error of a true gain: 0)"
                        : String.format(
                                Locale.ROOT, " (largest standard error of a true gain: %.4f)", maxGainStandardError)));
        out.append(String.format(
                Locale.ROOT,
                "opportunity: %d rounds where some candidate gains >= 3 points; mean best-candidate gain %+.4f%n%n",
                opportunityRounds,
                meanOpportunity));
        String header = String.format(Locale.ROOT, "%-26s", "");
        StringBuilder h = new StringBuilder(header);
        for (VariantSummary v : variants) {
            h.append(String.format(Locale.ROOT, "%-30s", v.name()));
        }
        out.append(h.toString().stripTrailing()).append('\n');
        out.append("-".repeat(26 + 30 * variants.size())).append('\n');
        row(
                out,
                "harmfulAcceptanceRate",
                v -> String.format(
                        Locale.ROOT,
                        "%s [%s,%s] (%d)",
                        num(v.harmfulAcceptanceRate()),
                        num(v.harmfulAcceptanceInterval().low()),
                        num(v.harmfulAcceptanceInterval().high()),
                        v.harmfulAcceptances()));
        row(
                out,
                "adoptionRate",
                v -> String.format(
                        Locale.ROOT,
                        "%s [%s,%s] (%d/%d)",
                        num(v.adoptionRate()),
                        num(v.adoptionInterval().low()),
                        num(v.adoptionInterval().high()),
                        v.adoptions(),
                        opportunityRounds));
        for (int b = 0; b < BANDS.size() - 1; b++) {
            int band = b;
            row(out, "  adoption " + bandName(BANDS.get(b), BANDS.get(b + 1)), v -> {
                Band x = v.adoptionBySize().get(band);
                return String.format(Locale.ROOT, "%s (%d/%d)", num(x.rate()), x.adoptions(), x.rounds());
            });
        }
        row(
                out,
                "acceptanceRate",
                v -> String.format(Locale.ROOT, "%s (%d)", num(v.acceptanceRate()), v.acceptances()));
        row(out, "meanRealisedGain", v -> String.format(Locale.ROOT, "%+.4f", v.meanRealisedGain()));
        row(out, "meanWarmupTasks", v -> String.format(Locale.ROOT, "%.1f", v.meanWarmupTasks()));
        row(out, "meanWorkerCalls", v -> String.format(Locale.ROOT, "%.1f", v.meanWorkerCalls()));
        row(out, "nonFiniteGateRecords", v -> Integer.toString(v.nonFiniteGateRecords()));
        row(out, "errors", v -> Integer.toString(v.errors()));
        out.append(String.format(
                Locale.ROOT,
                "%-26s%s (%d/%d rounds at >= 0.8); by size %s%n",
                "oracle test power",
                num(oracle.meanPower()),
                oracle.roundsWithin(),
                opportunityRounds,
                oracle.powerBySize().stream().map(GateCalibrationReport::num).toList()));
        out.append(String.format(
                Locale.ROOT,
                "%-26s%s%n",
                "  tasks/worker for 0.8",
                oracle.medianTasksPerWorker() == Integer.MAX_VALUE ? "-" : "median " + oracle.medianTasksPerWorker()));
        out.append('\n')
                .append("oracle test: the candidate known in advance, every warm-up task where it changes the route; ")
                .append("the adoption a gate with a guarantee can hope for on this budget (see OracleTest)\n")
                .append("rates with their 95% Wilson interval and (count); harmful: accepted with true gain < 0, ")
                .append("over all rounds; adoption: accepted with true gain > 0, over the rounds where some ")
                .append("candidate gains >= 3 points\n");
        return out.toString();
    }

    private void row(StringBuilder out, String label, java.util.function.Function<VariantSummary, String> cell) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-26s", label));
        for (VariantSummary v : variants) {
            line.append(String.format(Locale.ROOT, "%-30s", cell.apply(v)));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** The report as JSON: the summary fields per variant, then every round. NaN and infinities are written as null. */
    public String json() {
        ObjectNode root = ReportJson.MAPPER.createObjectNode();
        root.put("rounds", rounds);
        root.put("firstSeed", firstSeed);
        root.set("alpha", number(alpha));
        root.put("opportunityRounds", opportunityRounds);
        root.set("meanOpportunity", number(meanOpportunity));
        ObjectNode stages = root.putObject("roundsPerStage");
        roundsPerStage.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> stages.put(Integer.toString(e.getKey()), e.getValue()));
        root.put("exactRounds", exactRounds);
        root.set("maxGainStandardError", number(maxGainStandardError));
        ObjectNode o0 = root.putObject("oracleTest");
        o0.set("meanPower", number(oracle.meanPower()));
        ArrayNode pb = o0.putArray("powerBySize");
        oracle.powerBySize().forEach(x -> pb.add(number(x)));
        o0.put("roundsWithin", oracle.roundsWithin());
        o0.set("medianTasksPerWorker", count(oracle.medianTasksPerWorker()));
        ArrayNode vs = root.putArray("variants");
        for (VariantSummary v : variants) {
            ObjectNode o = vs.addObject();
            o.put("name", v.name());
            o.put("rounds", rounds);
            o.set("alpha", number(alpha));
            o.set("harmfulAcceptanceRate", number(v.harmfulAcceptanceRate()));
            o.set("harmfulAcceptanceInterval", interval(v.harmfulAcceptanceInterval()));
            o.put("harmfulAcceptances", v.harmfulAcceptances());
            o.set("adoptionRate", number(v.adoptionRate()));
            o.set("adoptionInterval", interval(v.adoptionInterval()));
            o.put("adoptions", v.adoptions());
            o.put("adoptionRounds", opportunityRounds);
            ArrayNode bySize = o.putArray("adoptionBySize");
            for (Band band : v.adoptionBySize()) {
                ObjectNode b = bySize.addObject();
                b.set("from", number(band.from()));
                b.set("to", number(band.to()));
                b.put("rounds", band.rounds());
                b.put("adoptions", band.adoptions());
                b.set("adoptionRate", number(band.rate()));
            }
            o.set("acceptanceRate", number(v.acceptanceRate()));
            o.set("meanRealisedGain", number(v.meanRealisedGain()));
            o.set("meanWarmupTasks", number(v.meanWarmupTasks()));
            o.set("meanWorkerCalls", number(v.meanWorkerCalls()));
            o.set("meanOpportunity", number(meanOpportunity));
            o.put("nonFiniteGateRecords", v.nonFiniteGateRecords());
            o.put("errors", v.errors());
        }
        ArrayNode rs = root.putArray("roundResults");
        for (GateCalibration.RoundResult r : results) {
            ObjectNode o = rs.addObject();
            o.put("seed", r.seed());
            o.put("world", r.world());
            o.put("stage", r.stage());
            o.put("poolBefore", r.poolBefore());
            o.put("joined", r.joined());
            o.set("liftAccuracy", number(r.liftAccuracy()));
            o.put("truthExact", r.truthExact());
            o.set("gainStandardError", number(r.gainStandardError()));
            o.set("bestCandidateGain", number(r.bestCandidateGain()));
            o.set("oraclePower", number(r.oraclePower()));
            o.set("oracleTasksPerWorker", count(r.oracleTasksPerWorker()));
            ArrayNode per = o.putArray("variants");
            for (GateCalibration.VariantOutcome v : r.variants()) {
                ObjectNode p = per.addObject();
                p.put("name", v.variant());
                p.put("verdict", v.verdict());
                p.put("reason", v.reason());
                p.put("accepted", v.accepted());
                v.chosen().ifPresent(c -> p.put("chosen", c));
                p.set("realisedGain", number(v.realisedGain()));
                p.put("warmupTasks", v.warmupTasks());
                p.put("workerCalls", v.warmupCalls());
                ObjectNode gains = p.putObject("candidateGains");
                v.candidateGains().forEach((name, gain) -> gains.set(name, number(gain)));
                p.put("nonFiniteGate", v.nonFiniteGate());
                ArrayNode scores = p.putArray("gateScores");
                for (var c : v.gateScores()) {
                    ObjectNode g = scores.addObject();
                    g.put("name", c.name());
                    g.put("entries", c.entries());
                    g.set("gain", number(c.gain()));
                    g.set("gainLow", number(c.gainLow()));
                    g.set("kl", number(c.kl()));
                    g.put("withinTrustRegion", c.withinTrustRegion());
                }
                v.error().ifPresent(e -> p.put("error", e));
            }
        }
        return ReportJson.write(root);
    }

    private static ArrayNode interval(Interval ci) {
        ArrayNode a = ReportJson.MAPPER.createArrayNode();
        a.add(number(ci.low()));
        a.add(number(ci.high()));
        return a;
    }

    private static com.fasterxml.jackson.databind.JsonNode number(double x) {
        return Double.isFinite(x)
                ? ReportJson.MAPPER.getNodeFactory().numberNode(ReportJson.round(x))
                : ReportJson.MAPPER.getNodeFactory().nullNode();
    }

    /** A count, or null for {@link Integer#MAX_VALUE} (never reached). */
    private static com.fasterxml.jackson.databind.JsonNode count(int x) {
        return x == Integer.MAX_VALUE
                ? ReportJson.MAPPER.getNodeFactory().nullNode()
                : ReportJson.MAPPER.getNodeFactory().numberNode(x);
    }

    private static String num(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.3f", x) : "-";
    }
}
