package io.releasekit.api.github;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link RunLauncher} that records what it was asked to start, and can be told to fail. */
class RecordingRunLauncher implements RunLauncher {

    record Launch(String kind, Map<String, Object> params, String requestedBy, String idempotencyKey) {}

    final List<Launch> launches = new CopyOnWriteArrayList<>();
    volatile RuntimeException failure;

    @Override
    public String launch(String kind, Map<String, Object> params, String requestedBy, String idempotencyKey) {
        if (failure != null) {
            throw failure;
        }
        launches.add(new Launch(kind, params, requestedBy, idempotencyKey));
        return "run-" + launches.size();
    }
}
