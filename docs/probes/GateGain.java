import dev.monoscale.replay.*;
import dev.monoscale.core.*;
import dev.monoscale.onboarding.*;
import dev.monoscale.routing.*;
import dev.monoscale.memory.*;
import dev.monoscale.synthesis.*;
import dev.monoscale.distillation.*;
import dev.monoscale.evidence.*;
import dev.monoscale.execution.*;
import dev.monoscale.gate.*;
import java.nio.file.Path;
import java.time.*;
import java.util.*;

/**
 * A probe, not part of MonoScale: where a default-route candidate's gain at the gate comes from. It runs the replay
 * benchmark's MonoScale rounds at onboarding's default budget (50 warm-up questions per new model, as
 * {@code bench replay --warmup-tasks 50}; the benchmark's own default is 100) up to stage S - 1, then at stage S builds the round's warm-up, evidence and strict
 * candidate (or the one named by a fourth argument) as the onboarding round does and prints, over the gate's
 * evaluation points, the value of the lift and of the candidate by the gate's own estimates (Q̂), and per model its
 * mean probability under each, its mean Q̂ and its test accuracy. When the candidate holds a default route, it also
 * prints the recorded outcomes behind it: the route's model against the lift's most probable model, on the round's
 * questions where both ran (mean difference, its standard error and their ratio z) and on the test split. It also
 * prints the candidate's per-question gain with its standard error twice: by the gate's estimates, and with the
 * (question, model) pairs the warm-up did not run valued at their recorded outcomes instead of the gate's floor.
 *
 * <pre>java -cp monoscale-app/target/monoscale.jar docs/probes/GateGain.java ../shared/data/mmlu-pro-routing 8 3
 * java -cp monoscale-app/target/monoscale.jar docs/probes/GateGain.java ../shared/data/mmlu-pro-routing 1 2 moderate</pre>
 */
public class GateGain {
  public static void main(String[] a) throws Exception {
    ReplayDataset data = ReplayDatasets.load(Path.of(a[0]));
    ReplayWorld world = ReplayWorld.of(data, Long.parseLong(a[1]));
    int upto = Integer.parseInt(a[2]);
    MemoryRouting routing = MemoryRouter.routing(EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());
    MemoryStore store = new InMemoryMemoryStore();
    var synth = new CardWarmupSynthesizer(world);
    var parts = new OnboardingRound.Parts(synth, world::worker, world.checker(), new EvidenceDistiller(EvidenceDistiller.Failures.LEARNED, EvidenceDistiller.Reach.PATTERNS_AND_DEFAULT_ROUTE), routing, store, InstantSource.fixed(Instant.EPOCH));
    RoundConfig config = RoundConfig.defaults().withSeed(world.seed());
    var round = new OnboardingRound(parts, config, true, GatePolicy.GATED, PoolKind.SPECIALISTS);
    Pool prev = Pool.of(List.of());
    for (Stage st : world.stages()) {
      List<AgentCard> joined = st.index()==0 ? st.pool().cards() : st.added().stream().map(id -> st.pool().find(id).orElseThrow()).toList();
      if (st.index()==0) store.append(RoutingMemory.initial(st.pool().ids(), Instant.EPOCH));
      if (st.index() == upto) {
        RoutingMemory head = store.head().orElseThrow();
        Pool pool = prev.plus(joined);
        PolicyRouter lift = routing.router(pool, head);
        long seed = dev.monoscale.stats.Seeds.mix(world.seed(), "round", head.version().next());
        List<WarmupTask> tasks = new ArrayList<>();
        for (AgentCard c : joined) tasks.addAll(synth.synthesize(c, pool, config.warmupTasks()));
        var runs = new WarmupExecutor(world::worker, world.checker(), seed, WarmupExecutor.Behaviour.PAIRED).run(tasks, lift, config.samples(), WarmupExecutor.Progress.NONE);
        EvidenceTable ev = EvidenceTable.of(runs);
        var cands = new EvidenceDistiller(EvidenceDistiller.Failures.LEARNED, EvidenceDistiller.Reach.PATTERNS_AND_DEFAULT_ROUTE).distill(ev, joined.stream().map(AgentCard::id).toList(), lift, head.version().next());
        String name = a.length > 3 ? a[3] : "strict";
        var strict = cands.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        System.out.println(name + " entries: " + strict.added().stream().map(e -> e.id() + " " + e.guidance()).toList());
        RoutingMemory mem = head.next(head.validated(), new ArrayList<>(head.entries()) {{ addAll(strict.added()); }}, GateRecord.initial(), Instant.EPOCH);
        PolicyRouter cand = routing.router(pool, mem);
        ValueEstimates q = ValueEstimates.from(ev, true);
        double sumLift = 0, sumCand = 0; int n = 0;
        Map<AgentId, Double> liftMass = new TreeMap<>(), candMass = new TreeMap<>();
        Map<AgentId, Double> qMean = new TreeMap<>(); Map<AgentId,Integer> qN = new TreeMap<>();
        for (PatternEvidence p : ev.patterns()) {
          Set<String> seen = new HashSet<>();
          for (WarmupRun r : p.runs()) {
            if (!seen.add(r.warmup().task().id().value())) continue;
            Task t = r.warmup().task(); Subtask s = t.subtasks().get(r.warmup().probedStep());
            Policy pl = lift.policy(t, s, List.of()); Policy pc = cand.policy(t, s, List.of());
            for (AgentId w : pool.ids()) {
              double v = q.value(p.index(), w);
              sumLift += pl.probability(w) * v; sumCand += pc.probability(w) * v;
              liftMass.merge(w, pl.probability(w), Double::sum); candMass.merge(w, pc.probability(w), Double::sum);
              qMean.merge(w, v, Double::sum); qN.merge(w, 1, Integer::sum);
            }
            n++;
          }
        }
        System.out.printf("points %d  lift value %.4f  candidate value %.4f  gain %.4f%n", n, sumLift / n, sumCand / n, (sumCand - sumLift) / n);
        // the per-point gain and its standard error: by the gate's estimates, and with the pairs the warm-up did not run
        // valued at their recorded outcomes (shrunk as a run pair is), which only the replay world can know
        for (boolean recorded : new boolean[] {false, true}) {
          List<Double> gains = new ArrayList<>();
          for (PatternEvidence p : ev.patterns()) {
            Set<String> seen = new HashSet<>();
            Set<AgentId> ran = p.stats(run -> true).keySet();
            for (WarmupRun r : p.runs()) {
              if (!seen.add(r.warmup().task().id().value())) continue;
              Task t = r.warmup().task(); Subtask s = t.subtasks().get(r.warmup().probedStep());
              Policy pl = lift.policy(t, s, List.of()); Policy pc = cand.policy(t, s, List.of());
              double g = 0;
              for (AgentId w : pool.ids()) {
                double v = recorded && !ran.contains(w) ? (world.score(t.id(), w) + 2 * p.meanRate()) / 3 : q.value(p.index(), w);
                g += (pc.probability(w) - pl.probability(w)) * v;
              }
              gains.add(g);
            }
          }
          double m = gains.stream().mapToDouble(x -> x).average().orElse(0);
          double se = Math.sqrt(gains.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / (gains.size() - 1) / gains.size());
          System.out.printf("gain %s: %.4f, standard error %.4f, z %.2f%n",
              recorded ? "with untested pairs at their recorded outcomes" : "by the gate's estimates", m, se, m / se);
        }
        for (AgentId w : pool.ids()) System.out.printf("  %-34s lift mass %.3f  cand mass %.3f  mean Q %.3f  test %.3f%n", w, liftMass.get(w) / n, candMass.get(w) / n, qMean.get(w) / qN.get(w),
            data.test().stream().mapToDouble(qq -> qq.score(world.model(w))).average().orElse(0));
        Optional<AgentId> route = strict.added().stream().filter(MemoryEntry::isDefault).map(e -> e.guidance().getFirst().worker()).findFirst();
        if (route.isPresent()) {
          AgentId d = route.get();
          List<Double> warm = new ArrayList<>();
          Map<TaskId, Map<AgentId, Double>> outcomes = new LinkedHashMap<>();
          Map<TaskId, WarmupRun> first = new LinkedHashMap<>();
          for (WarmupRun r : runs) {
            outcomes.computeIfAbsent(r.warmup().task().id(), k -> new HashMap<>()).put(r.probed(), r.passed() ? 1.0 : 0.0);
            first.putIfAbsent(r.warmup().task().id(), r);
          }
          first.forEach((id, r) -> {
            Task t = r.warmup().task();
            AgentId top = lift.policy(t, t.subtasks().get(r.warmup().probedStep()), List.of()).argmax();
            Map<AgentId, Double> o = outcomes.get(id);
            if (o.containsKey(d) && o.containsKey(top)) warm.add(o.get(d) - o.get(top));
          });
          double m = warm.stream().mapToDouble(x -> x).average().orElse(0);
          double se = Math.sqrt(warm.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / (warm.size() - 1) / warm.size());
          double test = world.evaluationTasks(Integer.MAX_VALUE).stream().mapToDouble(t -> world.score(t.id(), d)
              - world.score(t.id(), lift.policy(t, t.subtasks().getFirst(), List.of()).argmax())).average().orElse(0);
          System.out.printf("default route %s against the lift's most probable model: %d warm-up questions where both ran, "
              + "mean difference %.3f, standard error %.3f, z %.2f; on test %.3f%n", d, warm.size(), m, se, m / se, test);
        }
        return;
      }
      round.run(prev, joined, WarmupExecutor.Progress.NONE);
      prev = st.pool();
    }
  }
}
