package dev.monoscale.synthesis;

import dev.monoscale.core.Checker;
import dev.monoscale.core.Task;
import dev.monoscale.core.Verdict;
import java.util.Optional;

/**
 * The checker for tasks without a known answer, such as those of {@link CardExampleCatalogue}: a task passes when
 * every step answered and the final answer is not blank. It cannot tell a right answer from a wrong one; it tells
 * a worker that does the work from one that fails, refuses, times out or cannot be reached.
 */
public final class AnsweredChecker implements Checker {

    @Override
    public Verdict check(Task task, Optional<String> answer) {
        if (answer.isEmpty()) {
            return Verdict.fail("no answer: a step failed");
        }
        if (answer.get().isBlank()) {
            return Verdict.fail("a blank answer");
        }
        return Verdict.pass("answered");
    }
}
