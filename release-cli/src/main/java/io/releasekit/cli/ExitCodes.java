package io.releasekit.cli;

import io.releasekit.client.model.RunState;

/**
 * The exit codes of {@code releasekit}, for scripts (the table is in {@code docs/cli.md} and in {@code --help}).
 *
 * <pre>
 *  0  success; with --follow: the run SUCCEEDED
 *  1  verify: a file is missing or does not match (like sha256sum -c)
 *  2  bad flag, argument or parameter (a one-line error and the usage)
 *  3  --follow: the run FAILED
 *  4  --follow: the run was CANCELLED (or rejected)
 *  5  --follow: the run is AWAITING_APPROVAL
 *  6  --follow: the run SUCCEEDED_DEGRADED (deferred steps are replayed later)
 *  7  the service answered with an error (its problem is printed)
 *  8  the service cannot be reached, or the URL, token or config file is missing or unsafe
 * </pre>
 */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** {@code verify} found a problem. */
    public static final int VERIFY_FAILED = 1;
    /** A bad flag, argument or parameter. */
    public static final int USAGE = 2;
    /** The followed run failed. */
    public static final int RUN_FAILED = 3;
    /** The followed run was cancelled or rejected. */
    public static final int RUN_CANCELLED = 4;
    /** The followed run waits for approvals. */
    public static final int RUN_AWAITING_APPROVAL = 5;
    /** The followed run succeeded with deferred steps. */
    public static final int RUN_DEGRADED = 6;
    /** The service refused the request. */
    public static final int SERVICE_ERROR = 7;
    /** No service to talk to: unreachable, or not configured. */
    public static final int NOT_CONNECTED = 8;

    private ExitCodes() {}

    /** The exit code for a run that stopped in {@code state}; {@code -1} while it is still going. */
    public static int of(RunState state) {
        return switch (state) {
            case SUCCEEDED -> OK;
            case FAILED -> RUN_FAILED;
            case CANCELLED -> RUN_CANCELLED;
            case AWAITING_APPROVAL -> RUN_AWAITING_APPROVAL;
            case SUCCEEDED_DEGRADED -> RUN_DEGRADED;
            default -> -1;
        };
    }
}
