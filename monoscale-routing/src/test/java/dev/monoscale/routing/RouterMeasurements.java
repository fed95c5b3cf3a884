package dev.monoscale.routing;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Policy;
import dev.monoscale.core.Pool;
import dev.monoscale.core.StepDecision;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: the measurements behind {@link EmbeddedRouter}'s defaults, printed to standard output. Over the ten
 * {@link RealCards}, it sweeps the temperature and the task text weight on hand-labelled tasks (argmax accuracy,
 * mean probability of the intended worker, mean top-two margin), then times single decisions with
 * {@link RouterBenchmark}. The labels were written by reading the cards, so they flatter BM25; read the sweep for
 * its differences, not its levels.
 *
 * <pre>
 * ./mvnw -B -q -pl monoscale-routing -am test-compile
 * L=~/.m2/repository/org/apache/lucene
 * java --add-modules jdk.incubator.vector -cp monoscale-core/target/classes:monoscale-routing/target/classes:\
 * monoscale-routing/target/test-classes:$L/lucene-core/10.6.0/lucene-core-10.6.0.jar:\
 * $L/lucene-analysis-common/10.6.0/lucene-analysis-common-10.6.0.jar dev.monoscale.routing.RouterMeasurements
 * </pre>
 */
final class RouterMeasurements {

    private RouterMeasurements() {}

    record Labelled(Task task, List<String> intended) {}

    static List<Labelled> labelledTasks() {
        return List.of(
                labelled(
                        "Plan a weekend in Lisbon with flights, a hotel and a car",
                        "Find a return flight from Boston to Lisbon on May 3",
                        "air-ticketing-agent",
                        "Reserve a room near the old town for two nights",
                        "hotel-booking-agent",
                        "Rent a small car at the airport for the weekend",
                        "car-rental-agent"),
                labelled(
                        "What is the total of my invoice in euros?",
                        "Extract the total amount from the attached invoice",
                        "invoice-processing-agent",
                        "Convert 1,250 US dollars to euros",
                        "currency-conversion-agent"),
                labelled(
                        "Is 7919 prime? Tell me in French",
                        "Check whether 7919 is a prime number",
                        "check-prime-agent",
                        "Translate the result into French",
                        "paid-translation-agent"),
                labelled(
                        "What's the weather going to be in Oslo this weekend?",
                        "What's the weather going to be in Oslo this weekend?",
                        "weather-agent"),
                labelled(
                        "Find recent papers on retrieval-augmented generation and summarize the key findings",
                        "Search academic literature for recent papers on retrieval-augmented generation",
                        "research-assistant-agent",
                        "Summarize the three most cited papers",
                        "research-assistant-agent"),
                labelled(
                        "Tell me something surprising about octopuses",
                        "Tell me an interesting fact about octopuses",
                        "facts-agent"),
                labelled(
                        "Process this invoice from ACME and validate the VAT figures",
                        "Process this invoice from ACME and validate the VAT figures",
                        "invoice-processing-agent"),
                labelled(
                        "Business trip to Berlin next week: will it rain, and book my flight and hotel",
                        "Will it rain in Berlin next Tuesday?",
                        "weather-agent",
                        "Book air tickets from Paris to Berlin for Monday",
                        "air-ticketing-agent",
                        "Book a hotel close to the Berlin office",
                        "hotel-booking-agent"),
                labelled(
                        "Translate a supplier's German invoice and extract the amount due",
                        "Translate the German invoice text into English",
                        "paid-translation-agent",
                        "Extract the amount due and the due date from the invoice",
                        "invoice-processing-agent"),
                labelled(
                        "Convert my hotel budget of 80000 yen to US dollars",
                        "Convert my hotel budget of 80000 yen to US dollars",
                        "currency-conversion-agent"),
                labelled("Are 97, 91 and 89 prime numbers?", "Are 97, 91 and 89 prime numbers?", "check-prime-agent"),
                labelled(
                        "Give me an interesting fact about the Eiffel Tower",
                        "Give me an interesting fact about the Eiffel Tower",
                        "facts-agent"),
                labelled(
                        "Get the 5-day forecast for Seattle and find a rental car there",
                        "Get the 5-day forecast for Seattle",
                        "weather-agent",
                        "Find a rental car in Seattle for five days",
                        "car-rental-agent"));
    }

    public static void main(String[] args) {
        Pool pool = RealCards.tenCards();
        List<Labelled> labelled = labelledTasks();
        int steps = labelled.stream().mapToInt(l -> l.intended().size()).sum();
        System.out.printf(Locale.ROOT, "quality: %d cards, %d tasks, %d steps%n", pool.size(), labelled.size(), steps);
        System.out.println("     T      w  correct  p(intended)  p(top)  margin  log loss");
        for (double weight : new double[] {0, 0.25, 0.5, 1}) {
            for (double temperature : new double[] {0.25, 0.5, 0.75, 1, 1.5, 2, 4}) {
                sweep(pool, labelled, new EmbeddedRouterConfig(temperature, weight));
            }
        }
        printMisses(pool, labelled, EmbeddedRouterConfig.defaults());
        printMisses(pool, labelled, EmbeddedRouterConfig.defaults().withTaskTextWeight(0.25));
        printMisses(pool, labelled, EmbeddedRouterConfig.defaults().withTaskTextWeight(1));

        printScoreRange(pool, labelled);

        List<Task> tasks = labelled.stream().map(Labelled::task).toList();
        EmbeddedRouterConfig withTaskText = EmbeddedRouterConfig.defaults().withTaskTextWeight(0.25);
        for (EmbeddedRouterConfig config : List.of(EmbeddedRouterConfig.defaults(), withTaskText)) {
            EmbeddedRouter router = EmbeddedRouter.of(pool, config);
            for (int run = 0; run < 3; run++) {
                RouterBenchmark.Result result = RouterBenchmark.run(router, tasks, 2_000, 100_000);
                System.out.printf(Locale.ROOT, "latency %s run %d: %s%n", config, run, result);
            }
        }
    }

    private static void sweep(Pool pool, List<Labelled> labelled, EmbeddedRouterConfig config) {
        EmbeddedRouter router = EmbeddedRouter.of(pool, config);
        int correct = 0;
        int steps = 0;
        double intended = 0;
        double top = 0;
        double margin = 0;
        double logLoss = 0;
        for (Labelled l : labelled) {
            for (Subtask step : l.task().subtasks()) {
                Policy policy = router.policy(l.task(), step);
                AgentId want = AgentId.of(l.intended().get(step.index()));
                correct += policy.argmax().equals(want) ? 1 : 0;
                intended += policy.probability(want);
                logLoss -= Math.log(policy.probability(want));
                double[] p = new double[pool.size()];
                for (int i = 0; i < p.length; i++) {
                    p[i] = policy.probability(i);
                }
                Arrays.sort(p);
                top += p[p.length - 1];
                margin += p[p.length - 1] - p[p.length - 2];
                steps++;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%6.2f %6.2f  %3d/%-3d  %11.3f  %6.3f  %6.3f  %8.3f%n",
                config.temperature(),
                config.taskTextWeight(),
                correct,
                steps,
                intended / steps,
                top / steps,
                margin / steps,
                logLoss / steps);
    }

    private static void printMisses(Pool pool, List<Labelled> labelled, EmbeddedRouterConfig config) {
        EmbeddedRouter router = EmbeddedRouter.of(pool, config);
        for (Labelled l : labelled) {
            for (Subtask step : l.task().subtasks()) {
                StepDecision decision = router.decide(l.task(), step);
                AgentId want = AgentId.of(l.intended().get(step.index()));
                if (!decision.worker().equals(want)) {
                    System.out.printf(
                            Locale.ROOT,
                            "miss at %s: '%s' -> %s (%.2f), wanted %s (%.2f)%n",
                            config,
                            step.text(),
                            decision.worker(),
                            decision.policy().probability(decision.worker()),
                            want,
                            decision.policy().probability(want));
                }
            }
        }
    }

    private static void printScoreRange(Pool pool, List<Labelled> labelled) {
        CardIndex index = CardIndex.of(pool);
        double max = 0;
        double topSum = 0;
        int steps = 0;
        for (Labelled l : labelled) {
            for (Subtask step : l.task().subtasks()) {
                double top = Arrays.stream(index.scores(step.text())).max().orElse(0);
                max = Math.max(max, top);
                topSum += top;
                steps++;
            }
        }
        System.out.printf(Locale.ROOT, "raw scores: highest %.2f, mean of each step's top %.2f%n", max, topSum / steps);
        System.out.println("'weather' alone: " + Arrays.toString(index.scores("weather")));
        System.out.println("'invoice' alone: " + Arrays.toString(index.scores("invoice")));
    }

    private static int counter;

    private static Labelled labelled(String taskText, String... stepsAndWorkers) {
        List<Subtask> steps = new ArrayList<>();
        List<String> intended = new ArrayList<>();
        for (int i = 0; i < stepsAndWorkers.length; i += 2) {
            int index = i / 2;
            steps.add(new Subtask(index, stepsAndWorkers[i], index == 0 ? List.of() : List.of(index - 1)));
            intended.add(stepsAndWorkers[i + 1]);
        }
        return new Labelled(new Task(TaskId.of("labelled-" + counter++), taskText, steps), intended);
    }
}
