package io.releasekit.core.run;

import io.releasekit.core.service.ServiceGuards;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a step sees while it runs: the run's parameters, earlier outputs, the guards, and ways to report. */
public interface StepContext {

    /** The run's id. */
    String runId();

    /** The process kind of the run. */
    String kind();

    /** The name of the step being executed. */
    String stepName();

    /** The validated parameters the run was started with. */
    RunParameters parameters();

    /** Whether this is a dry run: read and check everything, write nothing, report planned writes. */
    boolean dryRun();

    /** The principal who started the run. */
    String requestedBy();

    /**
     * The approvals the run was given before it started (who approved, with which role, when), in the order given;
     * empty for a run that needed none and for a dry run.
     */
    default List<Approval> approvals() {
        return List.of();
    }

    /** An output of an earlier step of this run. */
    Optional<String> output(String key);

    /** All outputs of earlier steps, later steps' values winning. */
    Map<String, String> outputs();

    /** The service guards every outside call must go through. */
    ServiceGuards guards();

    /**
     * Reports progress (emitted as a progress event).
     *
     * @param done units done so far (objects, commits, ...)
     * @param total units in all, or -1 if unknown
     * @param bytes bytes moved so far, or 0
     */
    void progress(long done, long total, long bytes);

    /** Records a write the step would make; in a dry run this is the step's report. */
    void plan(String write);

    /**
     * Records a write the step would make as target and operation (its text goes to the report too). A step reports
     * this way the writes its dry run does not make through a protected port's own dry run: objects it would put into a
     * store, refs it would push when its dry run does not call the push. The plan of a real run is made of these and of
     * what the ports saw; the run is approved for them and may write nothing else.
     */
    default void plan(io.releasekit.core.protect.PlannedWrite write) {
        plan(write.text());
    }

    /**
     * Whether this execution replays a step that was deferred because its service was down. The runner replays
     * deferred steps only after the run's other steps (its always-steps included) have finished, so a step whose write
     * only makes sense during the run (a "deployment in progress" topic) can tell it came too late and skip.
     */
    default boolean replay() {
        return false;
    }

    /**
     * In a step that {@link Step#runsAlways() runs always}, after a failure: the run's first failed step, with its name
     * and failure summary (a deployment keeps its "in progress" notice when its verification failed, and says why).
     * Empty while no step failed.
     */
    default Optional<StepRecord> failedStep() {
        return Optional.empty();
    }

    /**
     * A stable key for an outside write of this step, the same on every attempt and replay of the step (use it as a
     * Matrix transaction id, a Mastodon {@code Idempotency-Key}, an S3 metadata marker).
     */
    default String idempotencyKey() {
        return runId() + ":" + stepName();
    }
}
