package dev.monoscale.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.monoscale.gate.GateConfig;
import dev.monoscale.onboarding.RoundConfig;
import dev.monoscale.replay.ReplayAnchors;
import dev.monoscale.replay.ReplayDataset;
import dev.monoscale.replay.ReplayDatasets;
import dev.monoscale.replay.ReplayWorld;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.testing.TestData;
import java.net.URISyntaxException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The replay benchmark on the committed dataset cuts: its reference methods are the anchors, exactly. */
class ReplayBenchmarkTest {

    /** The committed dataset cuts (the fixtures of monoscale-test-support). */
    private static ReplayDataset fixture(String name) throws URISyntaxException {
        return ReplayDatasets.load(TestData.fixture(name));
    }

    private static ExpansionReport run(ReplayDataset data) {
        return run(benchmark(), data, 1);
    }

    private static ReplayBenchmark benchmark() {
        return new ReplayBenchmark(
                MonoScaleMethod.forGeneralists(
                        new RoundConfig(10, 4, new GateConfig(2.5, 0.05, 200), 1),
                        EmbeddedRouterConfig.defaults(),
                        MemoryRouterConfig.defaults()),
                EmbeddedRouterConfig.defaults());
    }

    private static ExpansionReport run(ReplayBenchmark bench, ReplayDataset data, long seed) {
        return bench.run(ReplayWorld.of(data, seed), ExpansionBenchmark.Progress.NONE);
    }

    @org.junit.jupiter.api.Test
    void one_benchmark_run_over_several_seeds_and_datasets_reports_each_run_as_a_fresh_benchmark_would()
            throws URISyntaxException {
        ReplayDataset mmlu = fixture("mmlu-pro-routing");
        ReplayDataset llmrouter = fixture("llmrouter-14task");
        ReplayBenchmark shared = benchmark();
        run(shared, mmlu, 1);
        run(shared, llmrouter, 1);

        assertThat(run(shared, mmlu, 2)).isEqualTo(run(benchmark(), mmlu, 2));
        assertThat(run(shared, llmrouter, 2)).isEqualTo(run(benchmark(), llmrouter, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mmlu-pro-routing", "llmrouter-14task"})
    void random_best_single_category_router_and_oracle_are_the_anchor_numbers(String name) throws URISyntaxException {
        ReplayDataset data = fixture(name);

        ExpansionReport report = run(data);

        for (ExpansionReport.StageResult stage : report.stages()) {
            var pool = data.pool(stage.stage());
            var m = stage.methods();
            assertThat(m.get("random").accuracy()).isCloseTo(ReplayAnchors.random(data, pool), within(1e-9));
            assertThat(m.get("best-single").accuracy())
                    .isCloseTo(
                            ReplayAnchors.accuracy(
                                    data, ReplayAnchors.bestSingleOnDev(data, pool), dev.monoscale.replay.Split.TEST),
                            within(1e-9));
            assertThat(m.get("category-router").accuracy())
                    .isCloseTo(ReplayAnchors.categoryRouter(data, pool), within(1e-9));
            assertThat(m.get("oracle").accuracy()).isCloseTo(ReplayAnchors.oracle(data, pool), within(1e-9));
            m.forEach((method, r) -> assertThat(r.accuracy())
                    .as(method)
                    .isLessThanOrEqualTo(m.get("oracle").accuracy() + 1e-9));
            assertThat(m.get("linucb").labelled())
                    .isEqualTo(Math.max(1, m.get("monoscale").labelled()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mmlu-pro-routing", "llmrouter-14task"})
    void the_same_seed_gives_the_same_report(String name) throws URISyntaxException {
        ReplayDataset data = fixture(name);

        assertThat(ExpansionReports.json(run(data))).isEqualTo(ExpansionReports.json(run(data)));
    }
}
