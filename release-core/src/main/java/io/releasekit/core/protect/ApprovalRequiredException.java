package io.releasekit.core.protect;

import io.releasekit.core.NotPermittedException;
import io.releasekit.core.approval.ApprovalPolicy;

/**
 * A write to a protected target was refused because the caller does not hold the approvals its rule asks for: a
 * direct call (no run), or a run that was not approved for it. Client error, never retried; the REST facade answers
 * {@code 403} with the problem type {@code approval-required}. The message names the target, the operation, the rule,
 * the approvals needed and how to get them.
 */
public class ApprovalRequiredException extends NotPermittedException {

    private final transient PlannedWrite write;
    private final transient ApprovalPolicy needed;

    /**
     * @param write the refused write
     * @param rule the rule that protects it
     * @param why who asked and what they held, e.g. {@code a direct call outside a run}
     */
    public ApprovalRequiredException(PlannedWrite write, ProtectionRule rule, String why) {
        super(write.operation().label() + " of " + write.target().describe() + " is protected by rule "
                + rule.describe() + " and needs " + describe(rule.approvals()) + "; refused for " + why
                + ". Start a run that plans this write (POST /api/v1/runs, or RunEngine.start from Java): it waits in"
                + " AWAITING_APPROVAL until approved at POST /api/v1/runs/{id}/approvals, and only then writes");
        this.write = write;
        this.needed = rule.approvals();
    }

    /** The refused write. */
    public PlannedWrite write() {
        return write;
    }

    /** The approvals the write needs. */
    public ApprovalPolicy needed() {
        return needed;
    }

    @Override
    public String errorType() {
        return "approval-required";
    }

    /** {@code 2 approvals by distinct 'release-manager' principals, the requester excluded}. */
    public static String describe(ApprovalPolicy p) {
        return p.required() + " approval(s) by distinct '" + p.role() + "' principals"
                + (p.requesterMayApprove() ? "" : ", the requester excluded");
    }
}
