package io.releasekit.api.run;

import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.notify.Message;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.StepRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The chat messages about a run's approval: when it starts waiting (who must approve, what it will write, how to
 * approve or reject, until when), and when it is approved, rejected, withdrawn or expires.
 */
final class ApprovalNotice {

    /** At most this many planned writes are listed; the rest are counted. */
    static final int MAX_WRITES = 20;

    private ApprovalNotice() {}

    /** The notice of a run that waits for approval. */
    static Message awaiting(Run run, String publicUrl, Instant expiresAt) {
        ApprovalPolicy p = run.approvalPolicy();
        String api = publicUrl + "/api/v1/runs/" + run.id();
        StringBuilder b = new StringBuilder()
                .append("releasekit: run ")
                .append(run.id())
                .append(" (")
                .append(run.kind())
                .append(") requested by ")
                .append(run.requestedBy())
                .append(" awaits approval.\n")
                .append("Who: ")
                .append(p.required())
                .append(p.required() == 1 ? " approval" : " approvals by distinct principals")
                .append(" with role ")
                .append(p.role())
                .append(p.requesterMayApprove() ? "" : "; " + run.requestedBy() + " (the requester) may not approve")
                .append(".\nIt will write:\n");
        List<String> writes = writes(run);
        writes.stream().limit(MAX_WRITES).forEach(w -> b.append("- ").append(w).append('\n'));
        if (writes.size() > MAX_WRITES) {
            b.append("- … and ")
                    .append(writes.size() - MAX_WRITES)
                    .append(" more (GET ")
                    .append(api)
                    .append(")\n");
        }
        if (writes.isEmpty()) {
            b.append("- nothing planned (see GET ").append(api).append(")\n");
        }
        b.append("Approve: curl -X POST -H \"Authorization: Bearer $TOKEN\" -H \"Content-Type: application/json\" ")
                .append(api)
                .append("/approvals -d '{\"comment\":\"checked\"}'\n")
                .append("   or: releasekit runs approve ")
                .append(run.id())
                .append(" -m \"checked\"\n")
                .append("   or: ")
                .append(publicUrl)
                .append("/console/runs/")
                .append(run.id())
                .append('\n')
                .append(
                        "Reject: curl -X POST -H \"Authorization: Bearer $TOKEN\" -H \"Content-Type: application/json\" ")
                .append(api)
                .append("/rejections -d '{\"comment\":\"why\"}'\n");
        if (expiresAt != null) {
            b.append("Expires at ").append(expiresAt).append(" unless approved.");
        }
        return Message.of(b.toString().strip());
    }

    /**
     * The notice of a decision on a run that awaited approval.
     *
     * @param outcome {@code approved}, {@code rejected}, {@code expired} or {@code withdrawn}
     * @param by who decided (the last approver, the rejecter, {@code approval-window})
     */
    static Message decided(Run run, String outcome, String by) {
        StringBuilder b = new StringBuilder()
                .append("releasekit: run ")
                .append(run.id())
                .append(" (")
                .append(run.kind())
                .append(") requested by ")
                .append(run.requestedBy())
                .append(" was ")
                .append(outcome);
        switch (outcome) {
            case "approved" ->
                b.append(" by ")
                        .append(String.join(
                                ", ",
                                run.approvals().stream().map(a -> a.principal()).toList()))
                        .append(" and starts now.");
            case "expired" ->
                b.append(": ").append(run.reason()).append(". Nothing was written; start it again to retry.");
            default ->
                b.append(by == null ? "" : " by " + by)
                        .append(run.reason() == null ? "" : " (" + run.reason() + ")")
                        .append(". Nothing was written.");
        }
        return Message.of(b.toString());
    }

    /** The run's planned writes: its steps' structured writes, else what their plans say. */
    static List<String> writes(Run run) {
        List<String> out = new ArrayList<>();
        for (StepRecord s : run.steps()) {
            List<PlannedWrite> structured = s.plannedWrites();
            if (!structured.isEmpty()) {
                structured.forEach(w -> out.add(s.name() + ": " + w.text()));
            } else {
                s.planned().forEach(text -> out.add(s.name() + ": " + text));
            }
        }
        return out;
    }
}
