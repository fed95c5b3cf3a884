package dev.monoscale.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monoscale.core.MonoscaleException;
import dev.monoscale.execution.WarmupEngine;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The engine as the CLI finds it: by name through ServiceLoader, and one line when it cannot reach the server. */
class TemporalEngineTest {

    @Test
    void the_cli_finds_the_engine_by_its_name_when_this_module_is_on_the_class_path() {
        assertThat(WarmupEngine.find("temporal")).containsInstanceOf(TemporalEngine.class);
        assertThat(WarmupEngine.names()).contains("temporal");
    }

    @Test
    void a_server_nobody_listens_on_is_one_line_naming_the_target() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // closed again at once: nothing listens there
        }
        var settings = new WarmupEngine.Settings("127.0.0.1:" + port, "default", "q", Duration.ofMinutes(1), 0, "");

        assertThatThrownBy(() -> new TemporalEngine(name -> null).connect(settings))
                .isInstanceOf(MonoscaleException.class)
                .hasMessageStartingWith(
                        "--temporal: cannot reach a Temporal server at '127.0.0.1:%d': UNAVAILABLE".formatted(port))
                .hasMessageNotContaining("\n");
    }
}
