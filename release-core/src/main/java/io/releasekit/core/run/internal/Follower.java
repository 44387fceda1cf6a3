package io.releasekit.core.run.internal;

import io.releasekit.core.run.RunEvent;
import io.releasekit.core.run.RunListener;
import io.releasekit.core.run.RunStore;

/**
 * Hands one listener the events of one run strictly in sequence: stored ones first, then live ones, none twice, none
 * skipped. A live event that jumps ahead (an event stored by another replica was never seen live) triggers a read of
 * the store to fill the gap first.
 */
final class Follower implements RunListener {

    private final String runId;
    private final RunListener target;
    private final RunStore store;
    private long last;

    Follower(String runId, long afterSequence, RunListener target, RunStore store) {
        this.runId = runId;
        this.target = target;
        this.store = store;
        this.last = Math.max(0, afterSequence);
    }

    @Override
    public synchronized void onEvent(RunEvent event) {
        if (event.sequence() <= last) {
            return;
        }
        if (event.sequence() > last + 1) {
            catchUp();
            if (event.sequence() <= last) {
                return;
            }
        }
        deliver(event);
    }

    /** Delivers whatever the store holds after the last delivered event. */
    synchronized void catchUp() {
        for (RunEvent e : store.events(runId, last)) {
            if (e.sequence() > last) {
                deliver(e);
            }
        }
    }

    private void deliver(RunEvent event) {
        last = event.sequence();
        EventHub.deliver(target, event);
    }

    @Override
    public String toString() {
        return "follower of run " + runId + " (" + target + ")";
    }
}
