package io.releasekit.core.run;

import io.releasekit.core.run.internal.LambdaStep;
import java.util.List;

/**
 * One named step of a process. A step is idempotent: it checks before it acts (a tag already at that commit, an object
 * already there with that digest) and answers {@link StepOutcome.Skipped} when there is nothing left to do, so that a
 * resumed run never does a write twice. In a dry run ({@link StepContext#dryRun()}) it performs every read and check
 * and reports the writes it would make through {@link StepContext#plan(String)} instead of making them.
 *
 * <p>A step signals failure by throwing: a {@link io.releasekit.core.ReleaseException} with a clear message. A {@link
 * io.releasekit.core.ServiceUnavailableException} for a service the step declares {@link Dependency#DEFERRABLE} parks
 * the step as deferred instead of failing the run.
 */
public interface Step {

    /** The step's name, unique within its process, e.g. {@code verify-source} or {@code notify-slack}. */
    String name();

    /** The outside services this step calls. Used by the preflight and to decide deferral. */
    default List<ServiceNeed> services() {
        return List.of();
    }

    /**
     * Whether the step changes anything outside releasekit (a push, an upload, a message). The runner checks the
     * preflight again before the first writing step of every run.
     */
    default boolean writes() {
        return true;
    }

    /**
     * Whether the step runs even after an earlier step failed or the run was cancelled, like a {@code finally} block:
     * restoring a chat topic after a deployment (seed 004). Such steps run once, at the end, in order.
     */
    default boolean runsAlways() {
        return false;
    }

    /** Performs the step. */
    StepOutcome execute(StepContext context) throws Exception;

    /**
     * A step from a name, the services it needs, whether it writes, and a body: the one way to write a small step
     * without a class of its own.
     *
     * <pre>{@code
     * Step tag = Step.of("tag", List.of(), true, ctx -> StepOutcome.succeeded("tagged v1.2.0"));
     * }</pre>
     */
    static Step of(String name, List<ServiceNeed> services, boolean writes, Body body) {
        return new LambdaStep(name, services, writes, body);
    }

    /** What a step made by {@link #of} does. */
    @FunctionalInterface
    interface Body {
        /** Performs the step. */
        StepOutcome execute(StepContext context) throws Exception;
    }
}
