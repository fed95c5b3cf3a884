package dev.monoscale.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code onboard --engine} and {@code worker} on this module's class path, which holds no engine: the default CLI jar
 * runs rounds in process and names what is missing for Temporal, in one line, before anything is stored.
 */
class EngineCliTest {

    @TempDir
    Path dir;

    @Test
    void an_unknown_engine_is_one_line_naming_the_value_and_the_engines_allowed() {
        Path db = dir.resolve("m.db");
        Cli cli = Cli.run("onboard", "--engine", "celery", "--db", db.toString());

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err().strip())
                .isEqualTo("monoscale: --engine: engine = 'celery'; allowed: in-process or temporal");
        assertThat(Files.exists(db)).isFalse();
    }

    @Test
    void temporal_without_a_server_to_talk_to_is_one_line_naming_the_flag() {
        Cli cli = Cli.run(
                "onboard", "--engine", "temporal", "--db", dir.resolve("m.db").toString());

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err().strip()).startsWith("monoscale: --temporal: target = (missing); allowed: HOST:PORT");
    }

    @Test
    void a_malformed_target_or_call_timeout_is_one_line_naming_the_value() {
        Cli target = Cli.run("worker", "--temporal", "http://127.0.0.1:7233");
        Cli timeout = Cli.run(
                "onboard",
                "--engine",
                "temporal",
                "--temporal",
                "127.0.0.1:7233",
                "--call-timeout",
                "soon",
                "--db",
                dir.resolve("m.db").toString());

        assertThat(target.exit()).isEqualTo(2);
        assertThat(target.err().strip())
                .isEqualTo(
                        "monoscale: --temporal: target = 'http://127.0.0.1:7233'; allowed: HOST:PORT, such as 127.0.0.1:7233");
        assertThat(timeout.exit()).isEqualTo(2);
        assertThat(timeout.err().strip())
                .startsWith("monoscale: --call-timeout: call timeout = 'soon'; allowed: a positive");
    }

    @Test
    void temporal_when_its_jar_is_not_on_the_class_path_says_where_the_engine_comes_from_and_stores_nothing() {
        Path db = dir.resolve("m.db");
        Cli cli = Cli.run("onboard", "--engine", "temporal", "--temporal", "127.0.0.1:7233", "--db", db.toString());

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err().lines())
                .singleElement()
                .asString()
                .contains("--engine: engine = 'temporal'; allowed: in-process, or temporal with monoscale-temporal's "
                        + "engine jar on the class path");
        assertThat(Files.exists(db)).isFalse();
    }

    @Test
    void rounds_on_temporal_do_not_take_a_live_config_yet() {
        Cli cli = Cli.run(
                "onboard",
                "--engine",
                "temporal",
                "--temporal",
                "127.0.0.1:7233",
                "--config",
                "monoscale.yaml",
                "--card",
                "x");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err().strip())
                .startsWith("monoscale: --engine: engine = 'temporal' with --config; "
                        + "allowed: in-process with --config");
    }
}
