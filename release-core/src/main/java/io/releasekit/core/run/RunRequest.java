package io.releasekit.core.run;

import io.releasekit.core.InvalidInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request to start a run: which process kind, with which raw parameters (JSON-like values, validated by the kind's
 * {@link ParameterSpec} when the run starts), whether only to plan the writes, who asks, and optionally an idempotency
 * key that makes a retried request return the run the first one started.
 *
 * <pre>{@code
 * RunRequest.of("git.tag", Map.of("repository", "app", "tag", "v1.2.0"), "alice")
 *         .withDryRun(true)
 *         .withIdempotencyKey("9f0c6c1e-tag-v1.2.0");
 * }</pre>
 *
 * @param kind the process kind
 * @param parameters raw parameter values by name; a {@code null} value counts as absent
 * @param dryRun whether steps only read, check and plan
 * @param requestedBy the principal who asks
 * @param idempotencyKey the client's key (1–255 visible ASCII characters), or {@code null}
 */
public record RunRequest(
        String kind, Map<String, Object> parameters, boolean dryRun, String requestedBy, String idempotencyKey) {

    public RunRequest {
        if (kind == null || kind.isBlank()) {
            throw new InvalidInputException("run kind is required");
        }
        if (requestedBy == null || requestedBy.isBlank()) {
            throw new InvalidInputException("the principal requesting a run is required");
        }
        if (idempotencyKey != null && !idempotencyKey.matches("[\\x21-\\x7e]{1,255}")) {
            throw new InvalidInputException("idempotency key must be 1 to 255 visible ASCII characters, was '"
                    + (idempotencyKey.length() > 60 ? idempotencyKey.substring(0, 60) + "..." : idempotencyKey)
                    + "'");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        if (parameters != null) {
            parameters.forEach((k, v) -> {
                if (v != null) {
                    copy.put(k, v);
                }
            });
        }
        parameters = Collections.unmodifiableMap(copy);
    }

    /** A request for a real (not dry) run without an idempotency key. */
    public static RunRequest of(String kind, Map<String, ?> parameters, String requestedBy) {
        return new RunRequest(
                kind, parameters == null ? null : new LinkedHashMap<>(parameters), false, requestedBy, null);
    }

    /** A copy that is (or is not) a dry run. */
    public RunRequest withDryRun(boolean value) {
        return new RunRequest(kind, parameters, value, requestedBy, idempotencyKey);
    }

    /** A copy with an idempotency key ({@code null} for none). */
    public RunRequest withIdempotencyKey(String key) {
        return new RunRequest(kind, parameters, dryRun, requestedBy, key);
    }
}
