package dev.monoscale.a2a;

import dev.monoscale.core.Skill;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A test backend that upper-cases the text after one progress line; "fail" fails, and "slow" does not finish until
 * the test lets it ({@link #letOneSlowRunFinish()}), so a test decides when a slow run ends instead of the clock.
 */
final class Shouter implements A2aBackend {

    private final Semaphore slowRuns = new Semaphore(0);

    /** Lets one "slow" run, now or later, finish. */
    void letOneSlowRunFinish() {
        slowRuns.release();
    }

    @Override
    public String name() {
        return "Routed System";
    }

    @Override
    public String description() {
        return "a test backend";
    }

    @Override
    public List<Skill> skills() {
        return List.of(new Skill("shout", "Shout", "Repeats the text in capitals", List.of("shout"), List.of("hello")));
    }

    @Override
    public Result handle(String text, Consumer<String> progress) {
        progress.accept("step 1 -> shouter");
        if (text.startsWith("slow")) {
            try {
                if (!slowRuns.tryAcquire(2, TimeUnit.MINUTES)) {
                    return Result.failed("the test never let the slow run finish");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Result.failed("interrupted");
            }
        }
        return text.startsWith("fail")
                ? Result.failed("no worker could do it")
                : Result.answered("ANSWER: " + text.toUpperCase(Locale.ROOT));
    }
}
