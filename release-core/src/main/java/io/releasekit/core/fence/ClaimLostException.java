package io.releasekit.core.fence;

import io.releasekit.core.ConflictException;

/**
 * This executor no longer holds the run it works on: another replica took it over (this one was presumed dead, e.g.
 * frozen or cut off longer than the takeover time). Whatever the executor was about to write is refused, and it must
 * stop working on the run at once; the run's current holder continues it.
 */
public class ClaimLostException extends ConflictException {

    /**
     * Creates the exception.
     *
     * @param message which run, which claim was lost and who holds the run now
     */
    public ClaimLostException(String message) {
        super(message);
    }
}
