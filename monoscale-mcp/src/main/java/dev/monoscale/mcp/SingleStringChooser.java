package dev.monoscale.mcp;

import dev.monoscale.core.FailureKind;
import dev.monoscale.core.StepOutput;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.text.Words;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model-free chooser: only tools that take a single string can be called, and the step's text (with the
 * outputs of the steps it reads) is that string. Among several, the one whose name and description share the
 * most words with the step wins; ties go to the tool listed first. A server with no such tool refuses every step
 * ({@code REJECTED}): its arguments need a model to fill them.
 */
public final class SingleStringChooser implements ToolChooser {

    @Override
    public Choice choose(List<McpTool> tools, WorkerCall call) {
        List<McpTool> callable =
                tools.stream().filter(tool -> tool.singleString().isPresent()).toList();
        if (callable.isEmpty()) {
            return new None(
                    FailureKind.REJECTED,
                    "no tool takes a single string (%s); configure a router model to fill the arguments"
                            .formatted(String.join(
                                    ", ", tools.stream().map(McpTool::name).toList())));
        }
        Set<String> step = Words.set(call.text());
        McpTool best = callable.stream()
                .max(Comparator.comparingDouble((McpTool tool) -> overlap(tool, step))
                        .thenComparingInt(tool -> -callable.indexOf(tool)))
                .orElseThrow();
        return new Call(best.name(), Map.of(best.singleString().orElseThrow(), text(call)));
    }

    private static double overlap(McpTool tool, Set<String> step) {
        Set<String> words = Words.set(
                tool.name().replace('-', ' ').replace('_', ' ') + " " + tool.title() + " " + tool.description());
        return Words.coverage(step, words);
    }

    /** The step's text, then each input as {@code [output of step N]} and its content. */
    static String text(WorkerCall call) {
        StringBuilder text = new StringBuilder(call.text());
        for (StepOutput input : call.inputs()) {
            text.append("\n\n[output of step ")
                    .append(input.step() + 1)
                    .append("]\n")
                    .append(input.content());
        }
        return text.toString();
    }
}
