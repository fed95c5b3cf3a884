package dev.monoscale.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monoscale.core.FailureKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Starting a stdio server that is not one: whatever the process does, {@link McpConnection#open} reports it as soon
 * as the process has ended, never at the handshake's timeout, however soon after its start the process ends.
 */
class McpConnectionStartTest {

    /**
     * A handshake timeout far beyond the time a process takes to start and end, even on a loaded machine: reaching it
     * is the defect, which the message then names ("did not answer 'initialize' within 120 s").
     */
    private static final McpSettings PATIENT = new McpSettings(Duration.ofMinutes(2), Duration.ofMinutes(2));

    @Test
    void aProcessThatExitsAtOnceIsReportedAsExitedWithItsStderr() {
        var spec = new McpServerSpec.Stdio(List.of("sh", "-c", "echo 'Error: no such server' >&2; exit 3"), Map.of());

        assertThatThrownBy(() -> McpConnection.open(spec, PATIENT))
                .isInstanceOf(McpConnectException.class)
                .hasMessageContaining("exited before it answered 'initialize'")
                .hasMessageContaining("Error: no such server")
                .satisfies(e -> assertThat(((McpConnectException) e).kind()).isEqualTo(FailureKind.UNAVAILABLE));
    }

    @Test
    void aProcessThatClosesItsOutputAndExitsWithoutWritingIsReportedAsExited() {
        var spec = new McpServerSpec.Stdio(List.of("true"), Map.of());

        assertThatThrownBy(() -> McpConnection.open(spec, PATIENT))
                .isInstanceOf(McpConnectException.class)
                .hasMessageContaining("exited before it answered 'initialize'")
                .satisfies(e -> assertThat(((McpConnectException) e).kind()).isEqualTo(FailureKind.UNAVAILABLE));
    }
}
