package dev.monoscale.mcp;

import dev.monoscale.core.FailureKind;

/** What one {@code tools/call} gave: the tool's text, or a failure with its kind. Never an exception. */
public sealed interface ToolOutcome {

    /** @param text the result's text content, joined; other content is described in words */
    record Answered(String text) implements ToolOutcome {}

    record Failed(FailureKind kind, String message) implements ToolOutcome {}
}
