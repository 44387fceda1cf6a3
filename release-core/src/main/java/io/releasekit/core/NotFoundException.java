package io.releasekit.core;

/** Something the caller named does not exist: a repository, ref, object, release or run. Never retried. */
public class NotFoundException extends ReleaseException {

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
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
        return "not-found";
    }
}
