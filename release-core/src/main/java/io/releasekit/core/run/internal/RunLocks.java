package io.releasekit.core.run.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps one advancing thread per run within an engine. A caller that finds the run busy leaves a note instead of
 * waiting; the busy thread sees the note when it is about to leave and advances the run once more, so no request to
 * advance is lost and no thread blocks.
 */
public final class RunLocks {

    private final ConcurrentHashMap<String, Boolean> busy = new ConcurrentHashMap<>();

    /**
     * Tries to become the run's advancing thread.
     *
     * @return true if the caller now owns the run; false if another thread does (it will advance once more)
     */
    public boolean enter(String runId) {
        boolean[] entered = {false};
        busy.compute(runId, (id, again) -> {
            if (again == null) {
                entered[0] = true;
                return Boolean.FALSE;
            }
            return Boolean.TRUE;
        });
        return entered[0];
    }

    /**
     * Leaves the run, unless someone asked for another pass meanwhile.
     *
     * @return true if the owner must advance once more (it still owns the run); false if it left
     */
    public boolean leaveOrContinue(String runId) {
        boolean[] again = {false};
        busy.compute(runId, (id, requested) -> {
            if (Boolean.TRUE.equals(requested)) {
                again[0] = true;
                return Boolean.FALSE;
            }
            return null;
        });
        return again[0];
    }

    /** Leaves the run unconditionally (after an exception). */
    public void leave(String runId) {
        busy.remove(runId);
    }
}
