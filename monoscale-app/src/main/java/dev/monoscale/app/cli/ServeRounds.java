package dev.monoscale.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monoscale.a2a.A2aAgent;
import dev.monoscale.a2a.A2aClientConfig;
import dev.monoscale.a2a.A2aDiscovery;
import dev.monoscale.a2a.A2aWorkers;
import dev.monoscale.app.live.LiveCommands;
import dev.monoscale.app.live.LiveWorld;
import dev.monoscale.app.service.OnboardRequest;
import dev.monoscale.app.service.RoundLauncher;
import dev.monoscale.app.service.ServedPool;
import dev.monoscale.cards.A2aCards;
import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Worker;
import dev.monoscale.distillation.EvidenceDistiller;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.gate.GatePolicy;
import dev.monoscale.memory.MemoryStore;
import dev.monoscale.onboarding.Onboarding;
import dev.monoscale.onboarding.PoolKind;
import dev.monoscale.onboarding.RoundConfig;
import dev.monoscale.onboarding.RoundReport;
import dev.monoscale.resilience.ResilienceConfig;
import dev.monoscale.resilience.ResilientWorkers;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.sim.SimWorld;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The rounds {@code serve} runs for {@code POST /api/v1/onboard}, through the onboarding use case: the new worker (an
 * A2A agent named by URL, or an inline card) joins the served pool with the same parts {@code onboard} uses, over a
 * simulated world or a live config.
 */
final class ServeRounds implements RoundLauncher {

    private final ServedPool pool;
    private final MemoryStore store;
    private final @Nullable SimWorld sim;
    private final @Nullable LiveWorld live;
    private final Function<AgentId, Worker> served;
    private final A2aClientConfig client;

    private ServeRounds(
            ServedPool pool,
            MemoryStore store,
            @Nullable SimWorld sim,
            @Nullable LiveWorld live,
            Function<AgentId, Worker> served,
            A2aClientConfig client) {
        this.pool = pool;
        this.store = store;
        this.sim = sim;
        this.live = live;
        this.served = served;
        this.client = client;
    }

    /**
     * Rounds over a simulated world's stage pool, or over the A2A agents {@code serve --agent} named; a worker a round
     * onboarded joins the served pool.
     */
    static ServeRounds overWorld(
            ServedPool pool,
            MemoryStore store,
            @Nullable SimWorld sim,
            Function<AgentId, Worker> served,
            A2aClientConfig client) {
        return new ServeRounds(pool, store, sim, null, served, client);
    }

    /** Rounds over a live config's workers. */
    static ServeRounds overLive(LiveWorld live, MemoryStore store, A2aClientConfig client) {
        return new ServeRounds(new ServedPool(live.pool(), live::worker), store, null, live, live::worker, client);
    }

    @Override
    public RoundReport launch(OnboardRequest request, WarmupExecutor.Progress progress) {
        RoundConfig round = request.round();
        GatePolicy gate = request.gated() ? GatePolicy.GATED : GatePolicy.UNGATED;
        A2aAgent agent = agent(request);
        AgentCard card = agent.card();
        if (live != null) {
            // a live config's workers are all served already: the card must be one of them (LiveCommands checks it)
            return LiveCommands.onboard(
                    live, card, agent.source(), store, round, gate, progress, InstantSource.system());
        }
        Pool before = pool.current();
        if (before.contains(card.id())) {
            throw new InvalidInputException(
                    agent.source(),
                    "name",
                    "'" + card.name() + "'",
                    "a worker not already in the pool " + before.ids());
        }
        if (sim == null) {
            throw new InvalidInputException(
                    "POST /api/v1/onboard",
                    "pool",
                    "A2A agents (serve --agent)",
                    "a simulated world's pool or a live config (serve --config): only they have warm-up tasks and a checker");
        }
        Worker joining = A2aWorkers.connect(agent, client);
        var workers = new ResilientWorkers(ResilienceConfig.defaults())
                .wrap(id -> id.equals(card.id()) ? joining : served.apply(id));
        var routing = MemoryRouter.routing(EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());
        var parts = Onboarding.parts(sim, workers, new EvidenceDistiller(), routing, store, InstantSource.system());
        RoundReport report =
                new Onboarding(parts, round, gate, PoolKind.SPECIALISTS).round(before, List.of(card), progress);
        // the version is appended: the served router now rebuilds over the pool with the new worker (masked there
        // unless the accepted memory prefers it, as a fallback keeps the old routing)
        pool.join(card, joining);
        return report;
    }

    private A2aAgent agent(OnboardRequest request) {
        if (request.cardUrl() != null) {
            return new A2aDiscovery(client).discover(request.cardUrl());
        }
        JsonNode json = Objects.requireNonNull(request.card(), "a request has a card or a card URL");
        String source = "POST /api/v1/onboard card";
        return A2aAgent.of(A2aCards.parse(json.toString(), source), json, source);
    }
}
