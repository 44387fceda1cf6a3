package io.releasekit.core;

/**
 * The request contradicts the current state: a tag already points elsewhere, a different object sits at the same key,
 * a remote ref moved since it was read. Never retried automatically; a person decides.
 */
public class ConflictException extends ReleaseException {

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Fault fault() {
        return Fault.CLIENT;
    }

    @Override
    public boolean retryable() {
        return false;
    }

    @Override
    public String errorType() {
        return "conflict";
    }
}
