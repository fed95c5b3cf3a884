package dev.monoscale.a2a;

import dev.monoscale.core.Skill;
import java.util.List;
import java.util.function.Consumer;

/**
 * What {@link A2aServer} publishes as one A2A agent: a description and a way to do the work. The app's
 * implementation routes each request through a pool with the current routing memory; any other source of work
 * can plug in here.
 */
public interface A2aBackend {

    /** The agent's name on its card. */
    String name();

    /** The agent's description on its card. */
    String description();

    /** The skills the card lists. */
    List<Skill> skills();

    /**
     * Does the work for one request. Must not throw for a worker's fault: return {@link Result#failed}.
     *
     * @param progress told a short line about each step as it goes, such as {@code step 1 -> doc-reader}
     */
    Result handle(String text, Consumer<String> progress);

    /** The answer to a request, or why there is none. */
    record Result(boolean succeeded, String text) {
        public static Result answered(String text) {
            return new Result(true, text);
        }

        public static Result failed(String why) {
            return new Result(false, why);
        }
    }
}
