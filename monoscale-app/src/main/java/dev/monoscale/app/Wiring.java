package dev.monoscale.app;

import dev.monoscale.bench.Baselines;
import dev.monoscale.bench.ExpansionBenchmark;
import dev.monoscale.bench.Method;
import dev.monoscale.bench.MonoScaleMethod;
import dev.monoscale.onboarding.RoundConfig;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.sim.WorldSpec;
import java.util.ArrayList;
import java.util.List;

/** The composition root: which parts make up each job. Plain constructors, read top to bottom. */
public final class Wiring {

    private Wiring() {}

    /** The methods {@code bench expansion} compares, in the order the table shows them. */
    public static List<Method> expansionMethods(EmbeddedRouterConfig router, RoundConfig round) {
        MemoryRouterConfig memory = MemoryRouterConfig.defaults();
        List<Method> methods = new ArrayList<>();
        methods.add(MonoScaleMethod.monoscale(round, router, memory));
        methods.add(Baselines.naive(router));
        methods.add(Baselines.fixed(router));
        methods.add(Baselines.random());
        methods.add(Baselines.oracle());
        methods.add(MonoScaleMethod.withoutFailures(round, router, memory));
        methods.add(MonoScaleMethod.withoutGate(round, router, memory));
        return methods;
    }

    public static ExpansionBenchmark expansion(WorldSpec spec, EmbeddedRouterConfig router, RoundConfig round) {
        return new ExpansionBenchmark(seed -> SimWorld.create(spec, seed), expansionMethods(router, round));
    }
}
