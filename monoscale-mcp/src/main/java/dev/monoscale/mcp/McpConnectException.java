package dev.monoscale.mcp;

import dev.monoscale.core.FailureKind;
import org.jspecify.annotations.Nullable;

/**
 * An MCP server could not be started, reached or initialized. The message is one line that names the server, what
 * went wrong and, for a stdio server, the last lines it wrote on stderr (the only place a node server says why it
 * died: the SDK itself reports no more than a timeout).
 */
public final class McpConnectException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final FailureKind kind;

    McpConnectException(FailureKind kind, String message, @Nullable Throwable cause) {
        super(message);
        if (cause != null) {
            initCause(cause);
        }
        this.kind = kind;
    }

    /** {@code UNAVAILABLE} for a missing command or a refused connection, {@code TIMEOUT} for no answer, else {@code ERROR}. */
    public FailureKind kind() {
        return kind;
    }
}
