package dev.monoscale.temporal;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.execution.TaskNotes;
import dev.monoscale.execution.Workers;
import java.util.function.Consumer;
import java.util.function.Function;

/** The activity in a worker process: calls this process's worker and reports the call in one line. */
public final class WarmupCallsImpl implements WarmupCalls {

    private final Function<AgentId, Worker> workers;
    private final TaskNotes tasks;
    private final Consumer<String> log;

    public WarmupCallsImpl(Function<AgentId, Worker> workers, TaskNotes tasks, Consumer<String> log) {
        this.workers = workers;
        this.tasks = tasks;
        this.log = log;
    }

    @Override
    public Wire.Reply call(Wire.Call call) {
        if (!call.note().isEmpty()) {
            tasks.learn(TaskId.of(call.task()), call.note());
        }
        WorkerReply reply = Workers.callSafely(workers, AgentId.of(call.worker()), Wire.call(call));
        log.accept("call %s#%d step %d on %s: %s"
                .formatted(
                        call.task(),
                        call.sample(),
                        call.step(),
                        call.worker(),
                        reply instanceof WorkerReply.Failed failed ? "failed " + failed.kind() : "answered"));
        return Wire.reply(reply);
    }
}
