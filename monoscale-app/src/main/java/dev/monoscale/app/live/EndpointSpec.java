package dev.monoscale.app.live;

import dev.monoscale.llm.ServerDialect;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How to reach one worker or model, by endpoint {@code type} in the config file. Adding a type is one record here,
 * one case in {@link LiveConfigs#endpoint} (reading it) and one in {@link LiveWorld#worker} (calling it).
 */
public sealed interface EndpointSpec {

    /** Where it is, for messages. */
    String describe();

    /**
     * {@code type: openai}: an OpenAI-compatible {@code /v1/chat/completions} server.
     *
     * @param apiKeyEnv the environment variable holding the key; the key itself never appears in the file
     * @param timeout per attempt
     */
    record OpenAi(URI baseUrl, String model, ServerDialect dialect, @Nullable String apiKeyEnv, Duration timeout, int retries)
            implements EndpointSpec {

        @Override
        public String describe() {
            return baseUrl + " (model " + model + ")";
        }
    }
}
