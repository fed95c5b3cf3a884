package dev.monoscale.a2a;

import dev.monoscale.core.Skill;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

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

    /**
     * A backend of one step: {@code answer} turns a request's text into its result. Enough for a small agent
     * of one's own, such as a stand-in for a real agent in a test or a demo.
     */
    static A2aBackend of(String name, String description, List<Skill> skills, Function<String, Result> answer) {
        List<Skill> listed = List.copyOf(skills);
        return new A2aBackend() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public List<Skill> skills() {
                return listed;
            }

            @Override
            public Result handle(String text, Consumer<String> progress) {
                return answer.apply(text);
            }
        };
    }

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
