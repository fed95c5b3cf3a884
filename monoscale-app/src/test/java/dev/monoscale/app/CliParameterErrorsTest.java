package dev.monoscale.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Mistakes picocli catches before a command runs get one line that names the mistake and where help is. */
class CliParameterErrorsTest {

    @Test
    void an_unknown_flag_is_one_line_with_a_hint_to_help() {
        Cli cli = Cli.run("onboard", "--warmup-taks", "20");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).hasLineCount(1).contains("--warmup-taks", "monoscale onboard --help");
        assertThat(cli.err()).doesNotContain("Usage:");
    }

    @Test
    void a_value_of_the_wrong_type_is_one_line_naming_the_flag_and_the_value() {
        Cli cli = Cli.run("bench", "expansion", "--seeds", "many");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).hasLineCount(1).contains("--seeds", "many", "monoscale bench expansion --help");
    }

    @Test
    void a_number_out_of_int_range_is_one_line() {
        Cli cli = Cli.run("onboard", "--samples", "99999999999");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).hasLineCount(1).contains("--samples", "99999999999");
    }
}
