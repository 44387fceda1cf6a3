package io.releasekit.core.run;

import io.releasekit.core.ConflictException;

/**
 * An idempotency key that already started a run was sent again with a different request (another kind, other
 * parameters, another dry-run flag, or by another principal). The first run is left alone; the REST facade answers
 * 422 ({@code idempotency-key-reused}) as the IETF Idempotency-Key draft recommends.
 */
public class IdempotencyKeyReusedException extends ConflictException {

    private final String existingRunId;

    /**
     * Creates the exception.
     *
     * @param message what differs, naming the key
     * @param existingRunId the run the key started
     */
    public IdempotencyKeyReusedException(String message, String existingRunId) {
        super(message);
        this.existingRunId = existingRunId;
    }

    /** The id of the run the key started first. */
    public String existingRunId() {
        return existingRunId;
    }

    @Override
    public String errorType() {
        return "idempotency-key-reused";
    }
}
