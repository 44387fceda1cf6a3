package io.releasekit.api.protect;

/**
 * The {@code 403} every direct write endpoint documents: protection is checked in the port the registry hands out, a
 * run is the way through. Used in {@code @ApiResponse(responseCode = "403", description = ...)}.
 */
public final class ApprovalRequiredResponse {

    /** The description of the {@code 403 approval-required} response. */
    public static final String DESCRIPTION = "approval-required: the write touches a protected target"
            + " (releasekit.protection.rules) and a direct call holds no approvals; start a run instead (POST"
            + " /api/v1/runs), which waits for them. Nothing was written.";

    private ApprovalRequiredResponse() {}
}
