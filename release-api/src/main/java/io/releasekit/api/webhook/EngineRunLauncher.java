package io.releasekit.api.webhook;

import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunRequest;
import io.releasekit.core.run.RunState;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts webhook runs on the run engine: the run a trigger's key started, or — when it ended {@link RunState#FAILED}
 * or {@link RunState#CANCELLED} — the next attempt under {@code <key>:retry-<n>}, found or started. Concurrent
 * redeliveries race on the same key, which the engine makes start one run.
 */
public final class EngineRunLauncher implements RunLauncher {

    /** Retries of one trigger looked at, at most: a guard against a store that answers nonsense. */
    static final int MAX_ATTEMPTS = 1000;

    private final RunEngine engine;

    /** Launches on {@code engine}. */
    public EngineRunLauncher(RunEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public Launch launch(String kind, Map<String, Object> params, String requestedBy, String idempotencyKey) {
        String key = idempotencyKey;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Run> existing = engine.store().findByIdempotencyKey(key);
            if (existing.isEmpty()) {
                Run run = engine.start(RunRequest.of(kind, params, requestedBy).withIdempotencyKey(key));
                return new Launch(run.id(), true);
            }
            RunState state = existing.get().state();
            if (state != RunState.FAILED && state != RunState.CANCELLED) {
                return new Launch(existing.get().id(), false);
            }
            key = idempotencyKey + ":retry-" + attempt;
        }
        throw new IllegalStateException(
                "trigger " + idempotencyKey + " failed " + MAX_ATTEMPTS + " times; start a run with POST /runs");
    }
}
