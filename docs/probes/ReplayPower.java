import dev.monoscale.core.*;
import dev.monoscale.memory.*;
import dev.monoscale.replay.*;
import dev.monoscale.routing.*;
import dev.monoscale.stats.StudentT;
import dev.monoscale.synthesis.*;
import java.nio.file.Path;
import java.time.Instant;
import java.util.*;

/**
 * A probe, not part of MonoScale: how often <em>any</em> gate that keeps a one-sided 5% guarantee could be within 2
 * points of best-single on a replay dataset, at a given warm-up budget. It plays an oracle gate that is handed the
 * answer to the hard part: at each stage it is told which model is best on dev (best-single's own choice, read from
 * every dev label), proposes only "send every question to it", and tests that one proposal with no split and no
 * multiplicity, on all the round's warm-up questions (the ones the real round asks: `budget` per new model, chosen
 * from its card, as `bench replay --warmup-tasks budget`), by a one-sided paired t test at 5% of its recorded score
 * less the lift's. A pass makes that model the route; a fall-back keeps the lift (the route before, or the cards'
 * routing over the first pool, new models unused). Each stage's accuracy is then scored on the
 * test split beside best-single's.
 *
 * <p>The real gate must also find the proposal and keep part of the budget for choosing it, so it can pass no more
 * often than this on these questions; the counts it prints are an upper bound in that sense (a per-question router
 * that beats best-single by more could in principle pass where this cannot; on these datasets the category router,
 * which reads the category labels, is 1 to 4 points above best-single).
 *
 * <pre>java -cp monoscale-app/target/monoscale.jar docs/probes/ReplayPower.java ../shared/data/mmlu-pro-routing 10 50</pre>
 */
public class ReplayPower {
    public static void main(String[] a) throws Exception {
        ReplayDataset data = ReplayDatasets.load(Path.of(a[0]));
        int seeds = Integer.parseInt(a[1]);
        int budget = Integer.parseInt(a[2]);
        MemoryRouting routing = MemoryRouter.routing(EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());
        int stages = data.stages().size();
        int[] within = new int[stages];
        int[] passed = new int[stages];
        System.out.println("seed stage questions best-on-dev              lead   z      pass  accuracy best-single within");
        for (int seed = 1; seed <= seeds; seed++) {
            ReplayWorld world = ReplayWorld.of(data, seed);
            CardWarmupSynthesizer synth = new CardWarmupSynthesizer(world);
            List<Task> test = world.evaluationTasks(Integer.MAX_VALUE);
            Pool cardsPool = null; // the lift routes by the first pool's cards until a route is accepted
            AgentId route = null; // the accepted route, or none
            Pool prev = Pool.of(List.of());
            for (Stage st : world.stages()) {
                List<AgentCard> joined = st.index() == 0
                        ? st.pool().cards()
                        : st.added().stream().map(id -> st.pool().find(id).orElseThrow()).toList();
                Pool pool = prev.plus(joined);
                if (cardsPool == null) {
                    cardsPool = pool;
                }
                PolicyRouter cards = routing.router(pool, RoutingMemory.initial(cardsPool.ids(), Instant.EPOCH));
                AgentId best = null;
                double bestDev = -1;
                for (AgentId id : pool.ids()) {
                    String model = world.model(id);
                    double mean = data.dev().stream().mapToDouble(q -> data.score(q, model)).average().orElse(0);
                    if (mean > bestDev) {
                        bestDev = mean;
                        best = id;
                    }
                }
                final AgentId current = route;
                java.util.function.Function<Task, AgentId> lift = task ->
                        current != null ? current : cards.route(task).steps().getFirst().worker();
                List<Double> d = new ArrayList<>();
                for (AgentCard card : joined) {
                    for (var w : synth.synthesize(card, pool, budget)) {
                        d.add(world.score(w.task().id(), best) - world.score(w.task().id(), lift.apply(w.task())));
                    }
                }
                double[] x = d.stream().mapToDouble(Double::doubleValue).toArray();
                double mean = StudentT.mean(x);
                double sd = x.length > 1 ? StudentT.standardDeviation(x, mean) : 0;
                double z = sd > 0 ? mean / (sd / Math.sqrt(x.length)) : 0;
                boolean pass = !best.equals(current) && sd > 0 && StudentT.upperTail(z, x.length - 1) <= 0.05;
                if (pass) {
                    route = best;
                    passed[st.index()]++;
                }
                final AgentId now = route;
                double accuracy = test.stream()
                        .mapToDouble(t -> world.score(t.id(), now != null ? now : lift.apply(t)))
                        .average()
                        .orElse(0);
                final AgentId b = best;
                double bestSingle = test.stream().mapToDouble(t -> world.score(t.id(), b)).average().orElse(0);
                boolean in = accuracy >= bestSingle - 0.02;
                within[st.index()] += in ? 1 : 0;
                System.out.printf(Locale.ROOT, "%-4d %-5d %-9d %-24s %+.3f %+.2f  %-5s %.3f    %.3f       %s%n",
                        seed, st.index(), x.length, world.model(best), mean, z, pass, accuracy, bestSingle, in);
                prev = pool;
            }
        }
        int total = Arrays.stream(within).sum();
        System.out.printf(Locale.ROOT, "oracle gate at %d questions per new model: passed %s; within 2 points %s of %d per stage, %d of %d%n",
                budget, Arrays.toString(passed), Arrays.toString(within), seeds, total, seeds * stages);
    }
}
