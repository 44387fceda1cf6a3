package io.releasekit.api.webhook;

import java.util.Map;

/**
 * Starts a run of a process kind; what the webhook receiver calls when a delivery matches a trigger. The runs engine
 * provides the implementation ({@link EngineRunLauncher}).
 *
 * <p>A trigger's run is keyed by its delivery and trigger ({@code github-delivery:<id>:<index>}). The same key returns
 * the same run, so a delivery GitHub sends again starts nothing new — unless that run failed or was cancelled: GitHub's
 * <em>Redeliver</em> is a person asking to try again, so the next attempt starts under {@code <key>:retry-<n>}.
 */
public interface RunLauncher {

    /**
     * The run in charge of a trigger: the one {@code idempotencyKey} started; when it (and every retry after it) failed
     * or was cancelled, a new retry started now; when there is none, the run started now.
     *
     * @param kind the process kind, e.g. {@code github.release-to-stage}
     * @param params the run's parameters, validated by the process
     * @param requestedBy who asked, e.g. {@code github-webhook:ericzbeard}
     * @param idempotencyKey the trigger's key
     * @return the run's id, and whether this call started it
     */
    Launch launch(String kind, Map<String, Object> params, String requestedBy, String idempotencyKey);

    /**
     * The run in charge of a trigger.
     *
     * @param runId the run's id
     * @param started whether the call started it (false: an earlier delivery did, and it has not failed)
     */
    record Launch(String runId, boolean started) {}
}
