package dev.monoscale.app.cli;

import dev.monoscale.a2a.A2aAgent;
import dev.monoscale.a2a.A2aClientConfig;
import dev.monoscale.a2a.A2aDiscovery;
import dev.monoscale.a2a.A2aWorkers;
import dev.monoscale.app.live.LiveConfigs;
import dev.monoscale.app.live.LiveWorld;
import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Worker;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.sim.WorldSpecs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options that say which pool a command works on, declared once for {@code serve} and {@code route}: a simulated
 * world's stage ({@code --world}, {@code --stage}), the A2A agents named with {@code --agent}, or a live config
 * ({@code --config}); {@link #resolve} checks them together and is the only place that chooses.
 */
final class PoolOptions {

    @Option(
            names = "--world",
            defaultValue = "paper-noisy",
            description =
                    "A built-in world or a world spec file whose pool is used when neither --agent nor --config is given (default: ${DEFAULT-VALUE}).")
    String world = "paper-noisy";

    @Option(names = "--stage", description = "The world's stage whose pool is used (default: the last).")
    @Nullable
    Integer stage;

    @Option(
            names = "--agent",
            description =
                    "An A2A agent of the pool (its URL, card URL or card file); repeat for each. Replaces the world's pool.")
    @Nullable
    List<String> agents;

    @Option(
            names = "--config",
            description = {
                "A live world config (monoscale.yaml or .json): its workers, routed by its router model,",
                "or by the embedded router when it names none. Replaces --world and --agent."
            })
    @Nullable
    Path config;

    @Option(
            names = "--token-env",
            description = "The environment variable holding the token for agents whose card asks for one.")
    @Nullable
    String tokenEnv;

    /** The A2A client settings, with the token {@code --token-env} names. */
    A2aClientConfig client() {
        return tokenEnv == null
                ? A2aClientConfig.defaults()
                : A2aClientConfig.defaults().withToken(tokenEnv, System::getenv);
    }

    /**
     * The pool these options name. A2A agents are discovered (their cards fetched or read) and their credentials
     * checked against {@code --token-env} here, before anything is called.
     *
     * @param err where a warning goes (an unset {@code --token-env} that no card needs)
     * @throws InvalidInputException for a stage outside the world, or {@code --agent} with {@code --config}
     */
    PoolSource resolve(PrintWriter err) {
        return resolve(err, System::getenv);
    }

    PoolSource resolve(PrintWriter err, Function<String, @Nullable String> environment) {
        List<String> named = agents == null ? List.of() : agents;
        if (config != null) {
            if (!named.isEmpty()) {
                throw new InvalidInputException(
                        "--agent",
                        "agent",
                        String.join(", ", named),
                        "no --agent with --config: the config lists the workers");
            }
            return new PoolSource.Live(LiveWorld.of(LiveConfigs.load(config)), client());
        }
        if (!named.isEmpty()) {
            A2aClientConfig client = client();
            List<AgentCard> cards = new ArrayList<>();
            Map<AgentId, Worker> workers = new LinkedHashMap<>();
            for (String where : named) {
                A2aAgent agent = new A2aDiscovery(client).discover(where);
                Credentials.check(tokenEnv, agent, environment, err);
                cards.add(agent.card());
                workers.put(agent.card().id(), A2aWorkers.connect(agent, client));
            }
            return new PoolSource.Agents(Pool.of(cards), workers, client);
        }
        SimWorld sim = SimWorld.create(WorldSpecs.load(world), 1);
        int last = sim.stages().size() - 1;
        int k = stage == null ? last : stage;
        if (k < 0 || k > last) {
            throw new InvalidInputException(
                    "--stage",
                    "stage",
                    Integer.toString(k),
                    "a stage of world '%s', 0 to %d".formatted(sim.name(), last));
        }
        return new PoolSource.Simulated(sim, k, client());
    }
}
