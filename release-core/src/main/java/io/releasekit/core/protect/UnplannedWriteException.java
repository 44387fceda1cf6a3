package io.releasekit.core.protect;

import io.releasekit.core.ConflictException;

/**
 * A run tried a write its plan did not name, or a dry run (or a run's planning) tried a real write. Refused before
 * anything was written: a real run writes only what its plan showed (and what its approvals were given for). The REST
 * facade answers {@code 409} with the problem type {@code unplanned-write}.
 */
public class UnplannedWriteException extends ConflictException {

    /**
     * @param message the write, the run and why it is outside the plan
     */
    public UnplannedWriteException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "unplanned-write";
    }
}
