package dev.monoscale.app.cli;

import dev.monoscale.core.MonoscaleException;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The root command; every piece of work is a subcommand. */
@Command(
        name = "monoscale",
        mixinStandardHelpOptions = true,
        version = "monoscale 0.1.0",
        description = "Grow a multi-agent system without losing accuracy.",
        subcommands = {
            DemoCommand.class,
            OnboardCommand.class,
            MemoryCommand.class,
            RouteCommand.class,
            BenchCommand.class,
            WorldCommand.class,
            CardCommand.class,
            ServeCommand.class,
            WorkerCommand.class,
            CommandLine.HelpCommand.class
        })
public final class MonoscaleCommand implements Runnable {

    /** Exit code for bad input: a malformed file, a value out of range, an unknown name. */
    public static final int BAD_INPUT = 2;

    @Option(names = "--verbose", description = "Print stack traces of errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new MonoscaleCommand());
        cli.setOut(out);
        cli.setErr(err);
        // a mistyped flag, a missing parameter or a value of the wrong type: one line and where help is, not the usage
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine at = e.getCommandLine();
            at.getErr()
                    .println("monoscale: " + oneLine(e.getMessage()) + "; see '"
                            + at.getCommandSpec().qualifiedName() + " --help'");
            at.getErr().flush();
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean verbose = parseResult.matchedOption("--verbose") != null
                    || parseResult.subcommands().stream().anyMatch(p -> p.matchedOption("--verbose") != null)
                    || hasVerbose(parseResult);
            if (verbose) {
                e.printStackTrace(commandLine.getErr());
            }
            if (e instanceof MonoscaleException || e instanceof IllegalArgumentException) {
                commandLine.getErr().println("monoscale: " + oneLine(e.getMessage()));
                return BAD_INPUT;
            }
            commandLine
                    .getErr()
                    .println("monoscale: failed: " + oneLine(String.valueOf(e))
                            + " (run with --verbose for the stack trace)");
            return 1;
        });
        return cli;
    }

    private static boolean hasVerbose(CommandLine.ParseResult result) {
        for (CommandLine.ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.matchedOption("--verbose") != null) {
                return true;
            }
        }
        return false;
    }

    static String oneLine(@Nullable String message) {
        return message == null ? "(no message)" : message.replaceAll("\\s*\\R\\s*", " ");
    }
}
