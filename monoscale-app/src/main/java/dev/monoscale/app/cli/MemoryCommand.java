package dev.monoscale.app.cli;

import dev.monoscale.app.MemoryViews;
import dev.monoscale.app.Stores;
import dev.monoscale.bench.ReportJson;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.MemoryDiff;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.MemoryVersion;
import dev.monoscale.memory.RoutingMemory;
import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code monoscale memory}: audit and restore routing memory. History is append-only; nothing is ever deleted. */
@Command(
        name = "memory",
        mixinStandardHelpOptions = true,
        description =
                "Audit routing memory in a database (an SQLite file or PostgreSQL): log, show, diff, rollback (which appends a version restoring an earlier one).",
        subcommands = {
            MemoryCommand.Log.class,
            MemoryCommand.Show.class,
            MemoryCommand.Diff.class,
            MemoryCommand.Rollback.class
        })
final class MemoryCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The options every memory subcommand takes. */
    static class Db {
        @Option(
                names = "--db",
                required = true,
                description =
                        "The memory: an SQLite file, or postgresql://USER@HOST[:PORT]/DATABASE[?schema=NAME] with the password in PGPASSWORD.")
        String db;

        @CommandLine.Mixin
        Formats output = new Formats();

        MemoryStore open() {
            output.check();
            return Stores.openExisting(db, "an existing memory database; `monoscale onboard --db FILE` creates one");
        }

        static RoutingMemory version(MemoryStore store, String text, String db) {
            MemoryVersion version;
            try {
                version = MemoryVersion.parse(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(db, "version", "'" + text + "'", "v0, v1, ... up to the head");
            }
            return store.find(version)
                    .orElseThrow(() -> new InvalidInputException(
                            db,
                            "version",
                            version.toString(),
                            "an existing version, v0 to "
                                    + store.head()
                                            .map(h -> h.version().toString())
                                            .orElse("(none: the store is empty)")));
        }
    }

    static void json(PrintWriter out, Object tree) {
        out.print(ReportJson.write(tree));
    }

    @Command(
            name = "log",
            mixinStandardHelpOptions = true,
            description = "One line per version, newest first: the gate's outcome, entries, onboarded workers.")
    static final class Log implements Runnable {
        @CommandLine.Mixin
        Db db;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (MemoryStore store = db.open()) {
                List<RoutingMemory> history = store.history().reversed();
                if (db.output.json()) {
                    json(out, history.stream().map(MemoryViews::summary).toList());
                } else {
                    for (RoutingMemory memory : history) {
                        out.println(MemoryViews.logLine(memory));
                    }
                }
            }
            out.flush();
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "A version's entries (pattern, rule, stances, evidence) and its gate record.")
    static final class Show implements Runnable {
        @CommandLine.Mixin
        Db db;

        @Parameters(paramLabel = "VERSION", arity = "0..1", description = "v0, v1, ... (default: the head)")
        String version;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (MemoryStore store = db.open()) {
                RoutingMemory memory = version == null
                        ? store.head()
                                .orElseThrow(() -> new InvalidInputException(
                                        db.db, "head", "(none)", "a store with at least one version"))
                        : Db.version(store, version, db.db);
                if (db.output.json()) {
                    json(out, MemoryViews.tree(memory));
                } else {
                    out.print(MemoryViews.text(memory));
                }
            }
            out.flush();
        }
    }

    @Command(
            name = "diff",
            mixinStandardHelpOptions = true,
            description = "What changed between two versions, entry by entry.")
    static final class Diff implements Runnable {
        @CommandLine.Mixin
        Db db;

        @Parameters(index = "0", paramLabel = "FROM")
        String from;

        @Parameters(index = "1", paramLabel = "TO", arity = "0..1", description = "default: the head")
        String to;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (MemoryStore store = db.open()) {
                RoutingMemory a = Db.version(store, from, db.db);
                RoutingMemory b = to == null ? store.head().orElseThrow() : Db.version(store, to, db.db);
                MemoryDiff diff = MemoryDiff.between(a, b);
                if (db.output.json()) {
                    json(out, MemoryViews.tree(diff));
                } else {
                    out.printf(
                            Locale.ROOT,
                            "%s -> %s: %d added, %d removed, %d changed%s%s%n",
                            diff.from(),
                            diff.to(),
                            diff.added().size(),
                            diff.removed().size(),
                            diff.changed().size(),
                            countIfAny(diff.validated(), "validated"),
                            countIfAny(diff.unvalidated(), "no longer validated"));
                    for (MemoryEntry entry : diff.added()) {
                        out.println("+ " + entry.id() + ": " + entry.rule());
                    }
                    for (MemoryEntry entry : diff.removed()) {
                        out.println("- " + entry.id() + ": " + entry.rule());
                    }
                    for (MemoryEntry entry : diff.changed()) {
                        out.println("~ " + entry.id() + ": " + entry.rule());
                    }
                    for (AgentId worker : diff.validated()) {
                        out.println("+ validated " + worker + ": routed wherever its card matches");
                    }
                    for (AgentId worker : diff.unvalidated()) {
                        out.println("- validated " + worker + ": used only where an entry prefers it");
                    }
                }
            }
            out.flush();
        }

        /** ", 2 validated" for two workers, nothing for none: a count the summary line names only when it is not 0. */
        private static String countIfAny(List<AgentId> workers, String what) {
            return workers.isEmpty() ? "" : ", %d %s".formatted(workers.size(), what);
        }
    }

    @Command(
            name = "rollback",
            mixinStandardHelpOptions = true,
            description =
                    "Append a version that restores an earlier one (its entries and validated workers); nothing is deleted.")
    static final class Rollback implements Runnable {
        @CommandLine.Mixin
        Db db;

        @Option(names = "--to", required = true, description = "The version to restore, such as v1.")
        String to;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (MemoryStore store = db.open()) {
                RoutingMemory target = Db.version(store, to, db.db);
                RoutingMemory head = store.head().orElseThrow();
                RoutingMemory next = head.next(
                        target.validated(),
                        target.entries(),
                        GateRecord.rollback(target.version()),
                        InstantSource.system().instant());
                store.append(next);
                out.printf(
                        Locale.ROOT,
                        "memory %s: appended %s, which restores %s (%d entries); %s stays in the history%n",
                        db.db,
                        next.version(),
                        target.version(),
                        target.entries().size(),
                        head.version());
            }
            out.flush();
        }
    }
}
