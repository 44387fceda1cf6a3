package io.releasekit.core;

/** The caller supplied a value that can never work (a bad ref name, an unparsable version). Never retried. */
public class InvalidInputException extends ReleaseException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
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
        return "invalid-input";
    }
}
