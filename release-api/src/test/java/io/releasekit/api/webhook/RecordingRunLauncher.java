package io.releasekit.api.webhook;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link RunLauncher} that records what it was asked to start, and can be told to fail. */
class RecordingRunLauncher implements RunLauncher {

    record Launch(String kind, Map<String, Object> params, String requestedBy, String idempotencyKey) {}

    final List<Launch> launches = new CopyOnWriteArrayList<>();
    volatile RuntimeException failure;
    /** Ids of recorded runs that ended in failure: a repeated key then starts the next attempt, as the engine does. */
    final java.util.Set<String> failed = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public RunLauncher.Launch launch(
            String kind, Map<String, Object> params, String requestedBy, String idempotencyKey) {
        if (failure != null) {
            throw failure;
        }
        String key = idempotencyKey;
        for (int attempt = 1; ; attempt++) {
            int i = indexOf(key);
            if (i < 0) {
                break;
            }
            if (!failed.contains("run-" + (i + 1))) { // the engine's idempotency
                return new RunLauncher.Launch("run-" + (i + 1), false);
            }
            key = idempotencyKey + ":retry-" + attempt;
        }
        launches.add(new Launch(kind, params, requestedBy, key));
        return new RunLauncher.Launch("run-" + launches.size(), true);
    }

    private int indexOf(String key) {
        for (int i = 0; i < launches.size(); i++) {
            if (launches.get(i).idempotencyKey().equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
