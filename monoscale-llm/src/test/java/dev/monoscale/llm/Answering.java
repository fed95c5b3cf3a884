package dev.monoscale.llm;

import dev.monoscale.llm.client.ChatCompletion;
import dev.monoscale.llm.client.ChatModel;
import dev.monoscale.llm.client.ChatRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A chat model that answers every request with a function of it, and records the requests: a scripted server. */
final class Answering implements ChatModel {

    private final Function<ChatRequest, ChatCompletion> answer;
    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

    Answering(Function<ChatRequest, ChatCompletion> answer) {
        this.answer = answer;
    }

    static Answering text(Function<ChatRequest, String> answer) {
        return new Answering(request -> ScriptedModel.text(answer.apply(request)));
    }

    @Override
    public String describe() {
        return "answering";
    }

    @Override
    public ChatCompletion complete(ChatRequest request) {
        requests.add(request);
        return answer.apply(request);
    }

    static String system(ChatRequest request) {
        return request.messages().getFirst().content();
    }

    static String user(ChatRequest request) {
        return request.messages().get(1).content();
    }
}
