package io.releasekit.core;

/**
 * The caller is known but may not do what it asked: approving a run without the policy's role, approving a run it
 * requested itself when the policy forbids that. Never retried; the REST facade answers 403 ({@code forbidden}).
 */
public class NotPermittedException extends ReleaseException {

    /**
     * Creates the exception.
     *
     * @param message what was refused and why, naming the principal and the missing role or rule
     */
    public NotPermittedException(String message) {
        super(message);
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
        return "forbidden";
    }
}
