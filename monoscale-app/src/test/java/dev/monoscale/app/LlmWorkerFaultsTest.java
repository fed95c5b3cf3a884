package dev.monoscale.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.FailureKind;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.llm.LlmWorker;
import dev.monoscale.llm.client.ChatCompletion;
import dev.monoscale.llm.client.ChatModel;
import dev.monoscale.llm.client.ChatRequest;
import dev.monoscale.llm.client.ModelException;
import dev.monoscale.resilience.ResilienceConfig;
import dev.monoscale.resilience.ResilientWorkers;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A model-backed worker behind the resilience wrapper, as the live world runs it: the client has already retried
 * what a retry can mend, so a final model error is asked once, and only a passing fault is asked again.
 */
class LlmWorkerFaultsTest {

    private static final AgentId WORKER = AgentId.of("writer");
    private static final WorkerCall CALL = new WorkerCall(TaskId.of("t1"), 0, "Write a haiku", List.of(), 0);

    @Test
    void anExhaustedQuotaIsAFinalErrorAskedOnce() {
        AtomicInteger calls = new AtomicInteger();
        WorkerReply reply = protectedWorker(failing(ModelException.Kind.QUOTA_EXHAUSTED, 429, calls))
                .call(CALL);

        assertThat(reply).isInstanceOfSatisfying(WorkerReply.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(FailureKind.ERROR);
            assertThat(failed.message()).contains("quota exhausted");
        });
        assertThat(calls).hasValue(1);
    }

    @Test
    void aRefusedKeyIsRejectedAsAnA2aAgentsRefusedCredentialIsAndAskedOnce() {
        AtomicInteger calls = new AtomicInteger();
        WorkerReply reply = protectedWorker(failing(ModelException.Kind.UNAUTHORIZED, 401, calls))
                .call(CALL);

        assertThat(reply).isInstanceOfSatisfying(WorkerReply.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(FailureKind.REJECTED);
            assertThat(failed.message()).contains("unauthorized");
        });
        assertThat(calls).hasValue(1);
    }

    @Test
    void aRateLimitIsUnavailableAndAskedAgain() {
        AtomicInteger calls = new AtomicInteger();
        WorkerReply reply = protectedWorker(failing(ModelException.Kind.RATE_LIMITED, 429, calls))
                .call(CALL);

        assertThat(reply)
                .isInstanceOfSatisfying(
                        WorkerReply.Failed.class,
                        failed -> assertThat(failed.kind()).isEqualTo(FailureKind.UNAVAILABLE));
        assertThat(calls.get()).isEqualTo(ResilienceConfig.defaults().maxAttempts());
    }

    private static Worker protectedWorker(ChatModel model) {
        return new ResilientWorkers(ResilienceConfig.defaults())
                .protect(LlmWorker.of(WORKER, model, "writer-model", "You write."));
    }

    private static ChatModel failing(ModelException.Kind kind, int status, AtomicInteger calls) {
        return new ChatModel() {
            @Override
            public String describe() {
                return "failing";
            }

            @Override
            public ChatCompletion complete(ChatRequest request) {
                calls.incrementAndGet();
                throw new ModelException(kind, "http://127.0.0.1:1/v1", status, null, "scripted " + kind, null, null);
            }
        };
    }
}
