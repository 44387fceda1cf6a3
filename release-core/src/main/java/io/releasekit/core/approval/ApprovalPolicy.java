package io.releasekit.core.approval;

import io.releasekit.core.InvalidInputException;
import java.util.Objects;

/**
 * Who must approve a run before it starts. Break-glass runs (seed 000) need at least two release managers, the
 * requester excluded.
 *
 * @param required how many approvals by distinct principals are needed (0 = none)
 * @param role the role an approver must hold, e.g. {@code release-manager}
 * @param requesterMayApprove whether the principal who started the run may approve it
 */
public record ApprovalPolicy(int required, String role, boolean requesterMayApprove) {

    /** The role that may approve emergency releases. */
    public static final String RELEASE_MANAGER = "release-manager";

    public ApprovalPolicy {
        if (required < 0 || required > 10) {
            throw new InvalidInputException("required approvals must be between 0 and 10, was " + required);
        }
        Objects.requireNonNull(role, "role");
    }

    /** No approval needed. */
    public static ApprovalPolicy none() {
        return new ApprovalPolicy(0, RELEASE_MANAGER, true);
    }

    /** The two-person rule: {@code n} distinct release managers, the requester excluded. */
    public static ApprovalPolicy releaseManagers(int n) {
        return new ApprovalPolicy(n, RELEASE_MANAGER, false);
    }

    /** Whether any approval is needed. */
    public boolean needsApproval() {
        return required > 0;
    }
}
