package dev.monoscale.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.app.Main;
import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.store.sqlite.SqliteMemoryStore;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A round on Temporal across separate OS processes: Temporal's test server bound to loopback, a submitting
 * {@code onboard --engine temporal}, and {@code worker} processes, the first of which is killed (SIGKILL) mid-round.
 * Nothing here waits for time to pass: every wait polls for an event (a line a process printed, the workflow's
 * history) under a generous deadline.
 */
class TemporalWorkerKillIT {

    private static final Duration DEADLINE = Duration.ofMinutes(4);
    private static final Pattern CALL = Pattern.compile("^call (\\S+ step \\d+) on ");

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void killing_the_only_worker_mid_round_loses_no_finished_call_and_the_round_ends_when_a_new_worker_starts()
            throws Exception {
        Process server = start("server", LoopbackTemporalServer.class.getName());
        String target = waitFor("server", Pattern.compile("listening on (127\\.0\\.0\\.1:\\d+)"), server)
                .group(1);
        List<String> round =
                List.of("--world", "paper-noisy", "--seed", "1", "--temporal", target, "--temporal-queue", "kill-test");
        // worker a is slowed to 2 calls a second, so the round (about 55 calls) is still running when it is killed
        Process a = start("worker-a", Main.class.getName(), "worker", "--calls-per-second", "2", round);
        waitFor("worker-a", Pattern.compile("^worker: serving", Pattern.MULTILINE), a);
        Path db = dir.resolve("temporal.db");
        List<String> onboardArgs = List.of("onboard", "--stage", "1", "--warmup-tasks", "8", "--samples", "2", "--db");
        Process onboard = start(
                "onboard",
                Main.class.getName(),
                onboardArgs,
                db.toString(),
                "--engine",
                "temporal",
                "--call-timeout",
                "5",
                round);
        String workflow = waitFor("onboard", Pattern.compile("workflow (\\S+) started, (\\d+) runs"), onboard)
                .group(1);

        WorkflowServiceStubs stubs = stubs(target);
        try {
            WorkflowClient client = WorkflowClient.newInstance(stubs);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (completed(client, workflow).size() < 4) {
                assertThat(System.nanoTime())
                        .as("four calls completed before the deadline")
                        .isLessThan(deadline);
                assertThat(a.isAlive()).as("worker a is alive").isTrue();
                Thread.sleep(50); // a poll of the history with a deadline, not a wait for time to pass
            }
            a.destroyForcibly(); // SIGKILL: no shutdown hook, calls in flight are lost
            assertThat(a.waitFor(1, TimeUnit.MINUTES)).isTrue();
            Set<String> completedAtKill = completed(client, workflow);
            assertThat(history(client, workflow).stream().map(HistoryEvent::getEventType))
                    .as("the round is not over when its only worker dies")
                    .doesNotContain(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);

            Process b = start("worker-b", Main.class.getName(), "worker", round);
            waitFor("worker-b", Pattern.compile("^worker: serving", Pattern.MULTILINE), b);
            if (!onboard.waitFor(DEADLINE.toMinutes(), TimeUnit.MINUTES)) {
                List<EventType> last = history(client, workflow).stream()
                        .map(HistoryEvent::getEventType)
                        .toList();
                throw new AssertionError("the round did not end within %s after worker b started; history ends %s; "
                                .formatted(DEADLINE, last.subList(Math.max(0, last.size() - 12), last.size()))
                        + "onboard: " + read("onboard.out") + read("onboard.err")
                        + "; worker b: " + tail(read("worker-b.out")) + tail(read("worker-b.err")));
            }
            assertThat(onboard.exitValue()).as(read("onboard.err")).isZero();
            assertThat(read("onboard.out")).contains("round -> memory v1:");

            Map<String, Integer> made = new HashMap<>();
            for (String log : List.of("worker-a.out", "worker-b.out")) {
                read(log)
                        .lines()
                        .map(CALL::matcher)
                        .filter(Matcher::find)
                        .forEach(m -> made.merge(m.group(1), 1, Integer::sum));
            }
            assertThat(completedAtKill)
                    .as("calls completed before the kill")
                    .isNotEmpty()
                    .allSatisfy(call -> assertThat(made.get(call))
                            .as("times %s was made", call)
                            .isEqualTo(1));
            assertThat(read("worker-b.out")
                            .lines()
                            .filter(line -> CALL.matcher(line).find())
                            .count())
                    .as("worker b made the calls that were left")
                    .isPositive();

            List<HistoryEvent> events = history(client, workflow);
            long scheduled = events.stream()
                    .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                    .count();
            List<Long> completions = events.stream()
                    .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
                    .map(e -> e.getActivityTaskCompletedEventAttributes().getScheduledEventId())
                    .toList();
            assertThat(completions)
                    .as("each call completed once in the evidence")
                    .doesNotHaveDuplicates()
                    .hasSize((int) scheduled);
            assertThat(completed(client, workflow)).containsAll(completedAtKill);
        } finally {
            stubs.shutdownNow();
        }

        Path inProcessDb = dir.resolve("in-process.db");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(
                new String[] {
                    "onboard",
                    "--stage",
                    "1",
                    "--warmup-tasks",
                    "8",
                    "--samples",
                    "2",
                    "--db",
                    inProcessDb.toString(),
                    "--world",
                    "paper-noisy",
                    "--seed",
                    "1"
                },
                new PrintWriter(out),
                new PrintWriter(err));
        assertThat(exit).as(err.toString()).isZero();
        try (MemoryStore temporal = SqliteMemoryStore.open(db);
                MemoryStore inProcess = SqliteMemoryStore.open(inProcessDb)) {
            RoutingMemory expected = inProcess.head().orElseThrow();
            RoutingMemory actual = temporal.head().orElseThrow();
            assertThat(actual.version()).isEqualTo(expected.version());
            assertThat(actual.entries()).as("the same memory as in process").isEqualTo(expected.entries());
            assertThat(actual.gate()).isEqualTo(expected.gate());
        }
    }

    /** The calls ({@code task#sample step k}) whose completion the workflow's history holds. */
    private static Set<String> completed(WorkflowClient client, String workflow) {
        DataConverter converter = DefaultDataConverter.newDefaultInstance();
        List<HistoryEvent> events = history(client, workflow);
        Map<Long, String> scheduled = new HashMap<>();
        Set<String> done = new TreeSet<>();
        for (HistoryEvent event : events) {
            if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
                var input = Optional.of(
                        event.getActivityTaskScheduledEventAttributes().getInput());
                Wire.Call call = converter.fromPayloads(0, input, Wire.Call.class, Wire.Call.class);
                scheduled.put(event.getEventId(), "%s#%d step %d".formatted(call.task(), call.sample(), call.step()));
            } else if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
                done.add(scheduled.get(
                        event.getActivityTaskCompletedEventAttributes().getScheduledEventId()));
            }
        }
        return done;
    }

    private static List<HistoryEvent> history(WorkflowClient client, String workflow) {
        return client.fetchHistory(workflow).getEvents();
    }

    private static WorkflowServiceStubs stubs(String target) {
        return WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    }

    /** Starts a JVM on this test's class path; its output goes to NAME.out and NAME.err in the temporary folder. */
    private Process start(String name, String mainClass, Object... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx384m",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        for (Object arg : args) {
            if (arg instanceof List<?> list) {
                list.forEach(item -> command.add(item.toString()));
            } else {
                command.add(arg.toString());
            }
        }
        Process process = new ProcessBuilder(command)
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile())
                .start();
        processes.add(process);
        return process;
    }

    /** Polls NAME.out until {@code pattern} is found in it; fails if the process ends first or the deadline passes. */
    private Matcher waitFor(String name, Pattern pattern, Process process) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(read(name + ".out"));
            if (m.find()) {
                return m;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " ended (exit " + process.exitValue() + ") before printing " + pattern
                        + ": "
                        + read(name + ".out") + read(name + ".err"));
            }
            Thread.sleep(20); // a poll with a deadline, not a wait for time to pass
        }
        throw new AssertionError(name + " did not print " + pattern + " within " + DEADLINE);
    }

    private static String tail(String text) {
        return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
    }

    private String read(String file) throws IOException {
        Path path = dir.resolve(file);
        return Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
    }
}
