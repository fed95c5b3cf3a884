package dev.monoscale.app.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monoscale.app.RoundReports;
import dev.monoscale.core.MonoscaleException;
import dev.monoscale.onboarding.RoundReport;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Onboarding rounds the API started, one at a time (a round appends to the memory's head, so a second one could
 * only conflict): {@link #submit} refuses while one runs. Each job is kept with its progress and, once done, its
 * report in the CLI's JSON shape ({@link RoundReports#tree}).
 */
public final class OnboardingJobs implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger("dev.monoscale.onboarding");

    private final RoundLauncher launcher;
    private final InstantSource clock;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicReference<@Nullable Job> running = new AtomicReference<>();

    public OnboardingJobs(RoundLauncher launcher, InstantSource clock) {
        this.launcher = launcher;
        this.clock = clock;
    }

    /** A round is running already. */
    public static final class Busy extends RuntimeException {
        Busy(String id) {
            super("an onboarding round is running (job " + id + "); one round at a time per memory");
        }
    }

    /** Starts a round for {@code request}; its job, at once. */
    public Job submit(OnboardRequest request) {
        Job job = new Job(UUID.randomUUID().toString(), clock.instant().toString());
        if (!running.compareAndSet(null, job)) {
            Job other = running.get();
            throw new Busy(other == null ? "?" : other.id);
        }
        jobs.put(job.id, job);
        threads.execute(() -> {
            try {
                job.phase("warm-up");
                RoundReport report = launcher.launch(request, (done, total) -> job.progress(done, total));
                // as the CLI warns on stderr, the service warns in the job and its log: a verdict on a few tasks
                // says little
                Optional<String> warning = RoundReports.thinEvidence(report, "round.warmupTasks in the request");
                warning.ifPresent(line -> LOG.warn("onboarding job {}: {}", job.id, line));
                job.done(
                        RoundReports.tree(report),
                        warning.orElse(null),
                        clock.instant().toString());
            } catch (MonoscaleException | IllegalArgumentException e) {
                job.failed(
                        Objects.requireNonNullElse(e.getMessage(), e.toString()),
                        clock.instant().toString());
            } catch (RuntimeException e) {
                job.failed(
                        "the round failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                        clock.instant().toString());
            } finally {
                running.set(null);
                job.ended.complete(null);
            }
        });
        return job;
    }

    public Optional<Job> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    /** One round's job: its phase (queued, warm-up, done, failed), the warm-up runs done, and its end. */
    public static final class Job {
        private final String id;
        private final String started;
        private String phase = "queued";
        private long runsDone;
        private long runsTotal;
        private @Nullable ObjectNode report;
        private @Nullable String warning;
        private @Nullable String error;
        private @Nullable String finished;
        /** Completes when the round has ended, either way. */
        final java.util.concurrent.CompletableFuture<Void> ended = new java.util.concurrent.CompletableFuture<>();

        Job(String id, String started) {
            this.id = id;
            this.started = started;
        }

        public String id() {
            return id;
        }

        synchronized void phase(String next) {
            phase = next;
        }

        synchronized void progress(long done, long total) {
            runsDone = done;
            runsTotal = total;
            if (done == total) {
                phase = "gate";
            }
        }

        synchronized void done(ObjectNode tree, @Nullable String lowEvidence, String at) {
            phase = "done";
            report = tree;
            warning = lowEvidence;
            finished = at;
        }

        synchronized void failed(String why, String at) {
            phase = "failed";
            error = why;
            finished = at;
        }

        public synchronized boolean finished() {
            return finished != null;
        }

        public synchronized ObjectNode tree() {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("id", id);
            n.put("phase", phase);
            n.put("startedAt", started);
            n.put("finishedAt", finished);
            n.putObject("progress").put("warmupRunsDone", runsDone).put("warmupRunsTotal", runsTotal);
            if (report != null) {
                n.set("report", report);
            }
            if (warning != null) {
                n.put("warning", warning);
            }
            if (error != null) {
                n.put("error", error);
            }
            return n;
        }
    }
}
