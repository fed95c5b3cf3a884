package dev.monoscale.temporal;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** One worker call, made by a worker process: the activity the warm-up workflow fans out. */
@ActivityInterface
public interface WarmupCalls {

    /** Calls the worker; a worker's fault is a failed reply, never an exception. */
    @ActivityMethod(name = "MonoscaleCall")
    Wire.Reply call(Wire.Call call);
}
