import dev.monoscale.core.AgentId;
import dev.monoscale.core.Stage;
import dev.monoscale.replay.ReplayDataset;
import dev.monoscale.replay.ReplayDatasets;
import dev.monoscale.replay.ReplayQuestion;
import dev.monoscale.replay.ReplayWorld;
import dev.monoscale.synthesis.CardWarmupSynthesizer;
import dev.monoscale.synthesis.WarmupTask;
import dev.monoscale.text.Words;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A probe, not part of MonoScale: how much routing signal the warm-up questions hold. It draws the warm-up questions
 * the card synthesizer picks for stages 0..S (50 per new model, as `bench replay --warmup-tasks 50` does), looks up
 * every pool model's recorded outcome on each, and routes each test question to the model with the most passes among
 * its k nearest warm-up questions (shared content words weighted by rarity), starting every model from two
 * pseudo-questions at its warm-up mean. It prints the test accuracy per k next to the model that is best over the
 * whole warm-up.
 *
 * <pre>java -cp monoscale-app/target/monoscale.jar docs/probes/WarmupNeighbours.java ../shared/data/llmrouter-14task 1 0</pre>
 */
public class WarmupNeighbours {

    public static void main(String[] args) throws Exception {
        ReplayDataset data = ReplayDatasets.load(Path.of(args[0]));
        ReplayWorld world = ReplayWorld.of(data, Long.parseLong(args[1]));
        int last = Integer.parseInt(args[2]);
        CardWarmupSynthesizer synthesizer = new CardWarmupSynthesizer(world);
        List<ReplayQuestion> warm = new ArrayList<>();
        Stage at = null;
        for (Stage stage : world.stages()) {
            if (stage.index() > last) {
                break;
            }
            at = stage;
            for (AgentId id : stage.added()) {
                for (WarmupTask task : synthesizer.synthesize(stage.pool().find(id).orElseThrow(), stage.pool(), 50)) {
                    warm.add(world.question(task.task().id()));
                }
            }
        }
        List<String> models = at.pool().ids().stream().map(world::model).toList();
        Map<String, Integer> documents = new HashMap<>();
        List<Set<String>> words = new ArrayList<>();
        for (ReplayQuestion question : warm) {
            Set<String> set = Words.set(question.text());
            words.add(set);
            set.forEach(word -> documents.merge(word, 1, Integer::sum));
        }
        double[] total = new double[models.size()];
        for (ReplayQuestion question : warm) {
            for (int m = 0; m < models.size(); m++) {
                total[m] += question.score(models.get(m));
            }
        }
        int best = 0;
        for (int m = 1; m < models.size(); m++) {
            best = total[m] > total[best] ? m : best;
        }
        String bestModel = models.get(best);
        double single = data.test().stream().mapToDouble(q -> q.score(bestModel)).sum() / data.test().size();
        System.out.printf("%s seed %s stage %d: %d warm-up questions; best on them %s, test %.3f%n", world.name(), args[1], last,
                warm.size(), bestModel, single);
        // each test question's warm-up questions, nearest first: the same for every k
        List<Integer[]> nearest = new ArrayList<>();
        for (ReplayQuestion test : data.test()) {
            Set<String> query = Words.set(test.text());
            double[] similarity = new double[warm.size()];
            for (int i = 0; i < warm.size(); i++) {
                double s = 0;
                for (String word : query) {
                    s += words.get(i).contains(word) ? Math.log(1 + warm.size() / (double) documents.get(word)) : 0;
                }
                similarity[i] = s / Math.sqrt(1 + words.get(i).size());
            }
            Integer[] order = new Integer[warm.size()];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> Double.compare(similarity[b], similarity[a]));
            nearest.add(order);
        }
        for (int k : new int[] {3, 5, 10, 20, 40}) {
            double score = 0;
            for (int t = 0; t < data.test().size(); t++) {
                Integer[] order = nearest.get(t);
                double[] votes = new double[models.size()];
                for (int m = 0; m < models.size(); m++) {
                    votes[m] = 2 * total[m] / warm.size();
                    for (int j = 0; j < Math.min(k, order.length); j++) {
                        votes[m] += warm.get(order[j]).score(models.get(m));
                    }
                }
                int chosen = 0;
                for (int m = 1; m < models.size(); m++) {
                    chosen = votes[m] > votes[chosen] ? m : chosen;
                }
                score += data.test().get(t).score(models.get(chosen));
            }
            System.out.printf("  k=%-3d test accuracy %.3f%n", k, score / data.test().size());
        }
    }
}
