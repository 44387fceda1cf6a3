package io.releasekit.core.run.internal;

import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotPermittedException;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.run.Approval;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEvent;
import io.releasekit.core.run.RunState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Records approvals against a run's {@link ApprovalPolicy} and releases the run to the queue once enough distinct
 * principals approved.
 */
public final class ApprovalDesk {

    private final EngineCore core;
    private final Consumer<String> dispatch;

    /** A desk that dispatches released runs through {@code dispatch}. */
    public ApprovalDesk(EngineCore core, Consumer<String> dispatch) {
        this.core = core;
        this.dispatch = dispatch;
    }

    /**
     * Records one approval; see {@code RunEngine#approve}.
     *
     * @return the run as stored afterwards
     */
    public Run approve(String runId, String principal, Set<String> roles, String comment) {
        if (principal == null || principal.isBlank()) {
            throw new InvalidInputException("the approving principal is required");
        }
        Set<String> held = roles == null ? Set.of() : Set.copyOf(roles);
        Approval[] recorded = new Approval[1];
        Optional<Run> stored = core.mutate(
                runId,
                run -> {
                    if (run.approvals().stream().anyMatch(a -> a.principal().equals(principal))) {
                        return null; // approving twice counts once
                    }
                    check(run, principal, held);
                    Approval approval =
                            new Approval(principal, run.approvalPolicy().role(), core.now(), blankToNull(comment));
                    List<Approval> approvals = new ArrayList<>(run.approvals());
                    approvals.add(approval);
                    recorded[0] = approval;
                    Run next = run.withApprovals(approvals, core.now());
                    return distinct(approvals) >= run.approvalPolicy().required()
                            ? next.withState(RunState.QUEUED, null, core.now())
                            : next;
                },
                next -> announce(next, recorded[0]));
        if (stored.isEmpty()) {
            return core.load(runId);
        }
        Run run = stored.get();
        if (run.state() == RunState.QUEUED) {
            dispatch.accept(runId);
        }
        return run;
    }

    /** APPROVAL_RECORDED, and the move to QUEUED when this approval was the last one needed. */
    private List<RunEvent> announce(Run run, Approval approval) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("principal", approval.principal());
        data.put("role", approval.role());
        if (approval.comment() != null) {
            data.put("comment", approval.comment());
        }
        data.put("approvals", Long.toString(distinct(run.approvals())));
        data.put("required", Integer.toString(run.approvalPolicy().required()));
        RunEvent recorded = core.event(run.id(), RunEvent.Type.APPROVAL_RECORDED, null, data);
        if (run.state() != RunState.QUEUED) {
            return List.of(recorded);
        }
        return List.of(recorded, core.stateChange(run, RunState.AWAITING_APPROVAL, Map.of("by", approval.principal())));
    }

    private static void check(Run run, String principal, Set<String> roles) {
        if (run.state() != RunState.AWAITING_APPROVAL) {
            throw new ConflictException("run '" + run.id() + "' is " + run.state() + ", not awaiting approval");
        }
        ApprovalPolicy policy = run.approvalPolicy();
        if (!roles.contains(policy.role())) {
            throw new NotPermittedException("approving run '" + run.id() + "' needs role '" + policy.role()
                    + "'; principal '" + principal + "' has " + new java.util.TreeSet<>(roles));
        }
        if (!policy.requesterMayApprove() && principal.equals(run.requestedBy())) {
            throw new NotPermittedException("principal '" + principal + "' requested run '" + run.id()
                    + "' and may not approve it: the policy needs " + policy.required()
                    + " approval(s) by others");
        }
    }

    private static long distinct(List<Approval> approvals) {
        return approvals.stream().map(Approval::principal).distinct().count();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
