package io.releasekit.core;

/**
 * Root of every exception releasekit throws. Like the AWS SDK v2's {@code SdkException}, it says whose fault a failure
 * is ({@link #fault()}) and whether trying again may help ({@link #retryable()}); service guards and the REST facade
 * decide from these two facts alone, never from the message.
 */
public abstract class ReleaseException extends RuntimeException {

    /** Whose fault a failure is. */
    public enum Fault {
        /** The caller asked for something wrong or impossible; trying again will not help. */
        CLIENT,
        /** An outside service failed or could not be reached. */
        SERVICE
    }

    protected ReleaseException(String message) {
        super(message);
    }

    protected ReleaseException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whose fault the failure is. */
    public abstract Fault fault();

    /** Whether the same call may succeed if tried again later. A retryable failure counts against a circuit breaker. */
    public abstract boolean retryable();

    /**
     * A stable, short identifier of the kind of error (e.g. {@code invalid-input}), used as the last segment of the
     * problem {@code type} URI in the REST facade. Never changes once published.
     */
    public abstract String errorType();
}
