package io.releasekit.core.run;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A dispatcher that only records what it was asked to run, so a test advances runs itself. */
final class ManualDispatcher implements RunDispatcher {

    final List<String> dispatched = new CopyOnWriteArrayList<>();

    @Override
    public void dispatch(String runId) {
        dispatched.add(runId);
    }
}
