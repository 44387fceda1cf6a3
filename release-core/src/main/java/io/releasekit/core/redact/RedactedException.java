package io.releasekit.core.redact;

/**
 * Stands in for a foreign exception whose message contained a secret: same stack trace, the original class name, the
 * message with secrets masked. Produced by {@link Redactor#redact(Throwable)} so that causes are kept, never
 * swallowed, yet never leak a credential into a log.
 */
public final class RedactedException extends RuntimeException {

    private final String originalClass;

    RedactedException(String originalClass, String redactedMessage) {
        super(redactedMessage);
        this.originalClass = originalClass;
    }

    /** The fully qualified class name of the exception this one replaces. */
    public String originalClass() {
        return originalClass;
    }

    @Override
    public String toString() {
        String m = getLocalizedMessage();
        return originalClass + " (redacted)" + (m == null ? "" : ": " + m);
    }
}
