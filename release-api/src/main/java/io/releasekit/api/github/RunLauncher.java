package io.releasekit.api.github;

import java.util.Map;

/**
 * Starts a run of a process kind; what the webhook receiver calls when a delivery matches a trigger. The runs engine
 * provides the implementation. The same idempotency key must return the same run, so a delivery GitHub sends again
 * after a restart (when the in-memory delivery log is empty) still starts nothing new.
 */
public interface RunLauncher {

    /**
     * Starts a run.
     *
     * @param kind the process kind, e.g. {@code github.release-to-stage}
     * @param params the run's parameters, validated by the process
     * @param requestedBy who asked, e.g. {@code github-webhook:ericzbeard}
     * @param idempotencyKey the same key returns the same run
     * @return the run's id
     */
    String launch(String kind, Map<String, Object> params, String requestedBy, String idempotencyKey);
}
