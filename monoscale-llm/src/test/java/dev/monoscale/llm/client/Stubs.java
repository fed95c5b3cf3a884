package dev.monoscale.llm.client;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Response bodies of OpenAI-compatible servers, in the shapes recorded in llm-client.md. */
final class Stubs {

    private Stubs() {}

    /** A one-token completion of {@code chosen} whose top alternatives have the given probabilities. */
    static String logprobs(String chosen, Map<String, Double> top) {
        String alternatives = top.entrySet().stream()
                .map(e -> "{\"token\":\"%s\",\"logprob\":%s}"
                        .formatted(e.getKey(), String.format(Locale.ROOT, "%.7f", Math.log(e.getValue()))))
                .collect(Collectors.joining(","));
        return """
                {"id":"chatcmpl-stub","object":"chat.completion","model":"stub-model",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},
                   "logprobs":{"content":[{"token":"%s","logprob":%s,"top_logprobs":[%s]}]},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":57,"completion_tokens":1,"total_tokens":58}}
                """.formatted(
                        chosen,
                        chosen,
                        String.format(Locale.ROOT, "%.7f", Math.log(top.getOrDefault(chosen, 0.5))),
                        alternatives);
    }

    /** A completion with one choice per text and no log-probabilities. */
    static String choices(String... texts) {
        StringBuilder out = new StringBuilder("{\"id\":\"chatcmpl-n\",\"model\":\"stub-model\",\"choices\":[");
        for (int i = 0; i < texts.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(
                    "{\"index\":%d,\"message\":{\"role\":\"assistant\",\"content\":\"%s\"},\"logprobs\":null,\"finish_reason\":\"stop\"}"
                            .formatted(i, texts[i].replace("\"", "\\\"")));
        }
        return out.append("]}").toString();
    }

    static final String OPENAI_CONTEXT = """
            {"error":{"message":"This model's maximum context length is 8192 tokens. However, your messages resulted in 8227 tokens. Please reduce the length of the messages.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}""";
    static final String VLLM_CONTEXT = """
            {"error":{"message":"This model's maximum context length is 4096 tokens. However, you requested 5000 tokens (4000 in the messages, 1000 in the completion). Please reduce the length of the messages or completion.","type":"BadRequestError","param":null,"code":400}}""";
    static final String LLAMACPP_CONTEXT = """
            {"error":{"code":400,"message":"request (9412 tokens) exceeds the available context size (8192 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":9412,"n_ctx":8192}}""";
    static final String RATE_LIMITED = """
            {"error":{"message":"Rate limit reached for requests. Please try again in 20s.","type":"requests","param":null,"code":"rate_limit_exceeded"}}""";
    static final String QUOTA = """
            {"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""";
    static final String OLLAMA_BUSY = """
            {"error":{"message":"server busy, please try again.  maximum pending requests exceeded","type":"api_error","param":null,"code":null}}""";
    static final String LLAMACPP_N = """
            {"error":{"code":500,"message":"Only one completion choice is allowed","type":"server_error"}}""";
    static final String NO_LOGPROBS_FOR_REASONING = """
            {"error":{"message":"logprobs are not supported with reasoning models","type":"invalid_request_error","param":"logprobs","code":null}}""";
}
