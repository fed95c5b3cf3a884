package dev.monoscale.bench;

import dev.monoscale.core.Stage;
import dev.monoscale.core.World;
import dev.monoscale.routing.EmbeddedRouter;
import dev.monoscale.routing.EmbeddedRouterConfig;
import java.util.List;

/** The reference methods every benchmark reports beside MonoScale. */
public final class Baselines {

    private Baselines() {}

    /** Naive scale-up: the embedded router on the whole current pool, from cards alone, no memory. */
    public static Method naive(EmbeddedRouterConfig config) {
        return simple("naive", (world, stage) -> EmbeddedRouter.of(stage.pool(), config));
    }

    /** The fixed initial pool: the embedded router that never uses a worker that joined after stage 0. */
    public static Method fixed(EmbeddedRouterConfig config) {
        return simple(
                "fixed",
                (world, stage) -> EmbeddedRouter.of(world.stages().getFirst().pool(), config));
    }

    /** Uniformly random routing over the current pool. */
    public static Method random() {
        return simple("random", (world, stage) -> new RandomRouter(stage.pool(), world.seed()));
    }

    /** The ceiling: the world's oracle, which knows the hidden profiles. */
    public static Method oracle() {
        return simple("oracle", (world, stage) -> world.oracle(stage.pool()));
    }

    public static List<Method> all(EmbeddedRouterConfig config) {
        return List.of(naive(config), fixed(config), random(), oracle());
    }

    private interface RouterAtStage {
        dev.monoscale.core.Router at(World world, Stage stage);
    }

    private static Method simple(String name, RouterAtStage routers) {
        return new Method() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Run start(World world) {
                return stage -> Entered.of(routers.at(world, stage));
            }
        };
    }
}
