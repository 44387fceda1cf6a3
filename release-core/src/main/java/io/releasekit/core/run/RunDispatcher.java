package io.releasekit.core.run;

/**
 * Decides where and when a run is executed: a queued run, an approved run, a run to resume, a degraded run whose
 * deferred steps can be replayed. The engine calls {@link #dispatch(String)}; the dispatcher later calls {@link
 * RunEngine#advance(String)} with that id on some thread.
 *
 * <p>The contract a dispatcher must keep:
 *
 * <ul>
 *   <li><b>Eventually</b>: every dispatched id is advanced at least once after the dispatch, unless the process dies
 *       (then {@link RunEngine#resumeUnfinished()} or the clustered scheduler's own recovery dispatches it again).
 *   <li><b>Exclusively</b>: two {@code advance} calls for the same run never overlap in different processes. The
 *       engine already serialises calls for one run within itself; a clustered dispatcher (db-scheduler, one task
 *       instance per run id) guarantees it across replicas. A step the engine finds {@code RUNNING} when it starts
 *       advancing is taken for an executor that died, and executed again (steps are idempotent).
 *   <li><b>Coalescing is fine</b>: dispatching an id that is already waiting or being advanced may be dropped, as long
 *       as an advance starts after the dispatch call.
 *   <li><b>Retry on exception</b>: {@code advance} throws {@link IllegalStateException} when the engine shuts down
 *       mid-run; the run is left where it was and must be advanced again later (by another replica or after restart).
 * </ul>
 *
 * <p>The default, used when none is configured, is a bounded in-process thread pool.
 */
public interface RunDispatcher extends AutoCloseable {

    /** Asks for the run to be advanced soon. Must not block on the run's execution. */
    void dispatch(String runId);

    /** Stops dispatching; called by {@link RunEngine#close()} after in-flight steps had their grace period. */
    @Override
    default void close() {}
}
