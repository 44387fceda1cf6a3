package io.releasekit.cli;

/** A failure the tool reports as one line on stderr, with its exit code ({@link ExitCodes}). */
public final class CliException extends RuntimeException {

    private final int exitCode;

    /** A failure with a message for the user and an exit code. */
    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The exit code. */
    public int exitCode() {
        return exitCode;
    }
}
