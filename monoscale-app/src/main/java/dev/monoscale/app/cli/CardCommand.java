package dev.monoscale.app.cli;

import dev.monoscale.a2a.A2aAgent;
import dev.monoscale.a2a.A2aClientConfig;
import dev.monoscale.a2a.A2aDiscovery;
import dev.monoscale.core.AgentCard;
import dev.monoscale.core.Endpoint;
import dev.monoscale.core.Skill;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code monoscale card}: what the router will see of an agent card. */
@Command(
        name = "card",
        mixinStandardHelpOptions = true,
        description = "Read A2A agent cards (v0.2-style, v0.3, v1.0).",
        subcommands = {CardCommand.Show.class})
final class CardCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = {"Print what the router will see of an agent card, or name its defect in one line (exit 2).",
                "WHERE is a card file, a card URL, or an agent's base URL (its /.well-known/agent-card.json, then /.well-known/agent.json)."})
    static final class Show implements Runnable {

        @Parameters(paramLabel = "WHERE", description = "an A2A agent card file, card URL or agent base URL")
        String where;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            A2aAgent agent = new A2aDiscovery(A2aClientConfig.defaults()).discover(where);
            AgentCard card = agent.card();
            PrintWriter out = spec.commandLine().getOut();
            out.println("source:      " + agent.source());
            out.println("id:          " + card.id());
            out.println("name:        " + card.name());
            out.println("description: " + CardText.oneLine(card.description()));
            out.println("version:     " + (card.version().isEmpty() ? "(none)" : card.version()));
            out.println("input:       " + String.join(", ", card.inputModes()));
            out.println("output:      " + String.join(", ", card.outputModes()));
            for (Endpoint endpoint : card.endpoints()) {
                out.println("endpoint:    " + endpoint.url() + " (" + endpoint.binding()
                        + (endpoint.protocolVersion().isEmpty() ? "" : ", protocol " + endpoint.protocolVersion()) + ")");
            }
            out.println("security:    " + switch (agent.security().kind()) {
                case NONE -> "none";
                case BEARER -> "bearer token (scheme '" + agent.security().scheme() + "')";
                case API_KEY -> "API key in header " + agent.security().header() + " (scheme '" + agent.security().scheme() + "')";
            });
            out.println("streaming:   " + (agent.streaming() ? "yes" : "no"));
            out.println("skills:      " + card.skills().size());
            for (Skill skill : card.skills()) {
                out.println("  - " + skill.name() + " [" + skill.id() + "]: " + CardText.oneLine(skill.description()));
                if (!skill.tags().isEmpty()) {
                    out.println("    tags: " + String.join(", ", skill.tags()));
                }
                for (String example : skill.examples()) {
                    out.println("    e.g. " + CardText.oneLine(example));
                }
            }
            out.flush();
        }
    }

    static final class CardText {
        private CardText() {}

        static String oneLine(String text) {
            String flat = text.replaceAll("\\s+", " ").strip();
            return flat.length() > 160 ? flat.substring(0, 157) + "..." : flat;
        }
    }
}
