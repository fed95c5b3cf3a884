package dev.monoscale.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AgentIdTest {

    @Test
    void a_display_name_becomes_a_kebab_case_id() {
        assertThat(AgentId.slug("Air Ticketing Agent")).isEqualTo(AgentId.of("air-ticketing-agent"));
        assertThat(AgentId.slug("generate_song_agent")).isEqualTo(AgentId.of("generate-song-agent"));
        assertThat(AgentId.slug("  Café  Bot! ")).isEqualTo(AgentId.of("cafe-bot"));
    }

    @Test
    void rejects_an_id_that_is_not_kebab_case() {
        assertThatThrownBy(() -> AgentId.of("Web Surfer"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("agent id 'Web Surfer' must be lower-case kebab-case");
    }
}
