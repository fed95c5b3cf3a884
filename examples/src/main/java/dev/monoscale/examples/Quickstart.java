package dev.monoscale.examples;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.FailureKind;
import dev.monoscale.core.Plan;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Skill;
import dev.monoscale.core.Task;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.memory.InMemoryMemoryStore;
import dev.monoscale.onboarding.Onboarding;
import dev.monoscale.routing.MemoryRouter;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Three workers of our own, a fourth that joins, one onboarding round, and a task routed with what it learned. */
public final class Quickstart {

    /** A deterministic worker of our own: it answers a step that mentions one of its words and refuses any other. */
    static Worker specialist(AgentCard card, String... words) {
        return Worker.of(
                card.id(),
                call -> List.of(words).stream().anyMatch(call.text().toLowerCase(Locale.ROOT)::contains)
                        ? WorkerReply.answered(card.name() + " did: " + call.text())
                        : WorkerReply.failed(FailureKind.REJECTED, "not my kind of work"));
    }

    /** Onboards a calculator into a pool of three, prints what happens, and returns the plan made afterwards. */
    public static Plan run(PrintStream out) {
        var translator = AgentCard.of("Translator", "Translates text", Skill.of("Translate", "Into German"));
        var summarizer = AgentCard.of("Summarizer", "Summarizes reports", Skill.of("Summarize", "In a paragraph"));
        var coder = AgentCard.of("Coder", "Writes code", Skill.of("Code", "Python functions"));
        var calculator = AgentCard.of(
                "Calculator",
                "Does arithmetic",
                Skill.of(
                        "Arithmetic",
                        "Sums and percentages",
                        "What is 17 times 23?",
                        "What is 8 times 9?",
                        "What is 6 times 7?",
                        "What is 7 times 8?",
                        "Compute 15 percent of 80",
                        "Compute 20 percent of 150",
                        "Compute 5 percent of 60",
                        "What is the sum of 4 and 5?",
                        "What is the sum of 13 and 29?",
                        "What is the sum of 21 and 34?"));
        var workers = Map.of(
                translator.id(),
                specialist(translator, "german"),
                summarizer.id(),
                specialist(summarizer, "summar"),
                coder.id(),
                specialist(coder, "code", "python"),
                calculator.id(),
                specialist(calculator, "times", "percent", "sum"));

        var onboarding = Onboarding.ofWorkers(workers::get, MemoryRouter.routing(), new InMemoryMemoryStore());
        Pool team = Pool.of(List.of(translator, summarizer, coder));
        Pool grown = team.plus(List.of(calculator));
        onboarding.start(team.ids());
        Task task = Task.of("ask-1", "What is 12 times 12?");
        out.println("before: '" + task.text() + "' goes to "
                + onboarding.router(grown).route(task).workers());
        var report = onboarding.round(team, List.of(calculator));
        out.println(report);
        report.added().forEach(entry -> out.println("learned: " + entry.rule()));
        report.validated().forEach(id -> out.println("validated: " + id + ", routed wherever its card matches"));
        Plan plan = onboarding.router(grown).route(task);
        out.println("after:  '" + task.text() + "' goes to " + plan.workers());
        return plan;
    }

    public static void main(String[] args) {
        run(System.out);
    }
}
