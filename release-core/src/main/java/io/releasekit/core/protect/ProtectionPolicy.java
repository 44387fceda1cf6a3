package io.releasekit.core.protect;

import io.releasekit.core.approval.ApprovalPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The configured protection rules, and what they ask of a write and of a run's plan. The strictest covering rule
 * decides: most approvals; the requester excluded as soon as one rule excludes them.
 */
public final class ProtectionPolicy {

    private final List<ProtectionRule> rules;

    private ProtectionPolicy(List<ProtectionRule> rules) {
        this.rules = List.copyOf(rules);
        Set<String> names = new java.util.HashSet<>();
        for (ProtectionRule r : this.rules) {
            if (!names.add(r.name())) {
                throw new io.releasekit.core.InvalidInputException(
                        "protection rule '" + r.name() + "' is defined twice");
            }
        }
    }

    /** A policy of these rules. */
    public static ProtectionPolicy of(Collection<ProtectionRule> rules) {
        return new ProtectionPolicy(new ArrayList<>(rules));
    }

    /** A policy of these rules. */
    public static ProtectionPolicy of(ProtectionRule... rules) {
        return new ProtectionPolicy(List.of(rules));
    }

    /** No rule: nothing is protected (runs still write only what they planned). */
    public static ProtectionPolicy none() {
        return new ProtectionPolicy(List.of());
    }

    /** The rules, in configuration order. */
    public List<ProtectionRule> rules() {
        return rules;
    }

    /** The rules covering a write. */
    public List<ProtectionRule> rulesFor(PlannedWrite write) {
        return rules.stream().filter(r -> r.covers(write)).toList();
    }

    /** Whether any rule covers the write. */
    public boolean isProtected(PlannedWrite write) {
        return rules.stream().anyMatch(r -> r.covers(write));
    }

    /** The approvals the writes need together ({@link ApprovalPolicy#none()} when none is protected). */
    public ApprovalPolicy approvalsFor(Collection<PlannedWrite> writes) {
        ApprovalPolicy out = ApprovalPolicy.none();
        for (PlannedWrite w : writes) {
            for (ProtectionRule r : rulesFor(w)) {
                out = combine(out, r.approvals());
            }
        }
        return out;
    }

    /**
     * The stricter of two policies: the higher count (and its role), the requester excluded if either excludes them.
     */
    public static ApprovalPolicy combine(ApprovalPolicy a, ApprovalPolicy b) {
        if (!a.needsApproval()) {
            return b;
        }
        if (!b.needsApproval()) {
            return a;
        }
        ApprovalPolicy higher = b.required() > a.required() ? b : a;
        return new ApprovalPolicy(higher.required(), higher.role(), a.requesterMayApprove() && b.requesterMayApprove());
    }

    /**
     * Whether the approvals satisfy a rule: enough distinct principals holding its role, the requester not counted
     * when the rule excludes them.
     */
    public static boolean satisfied(ApprovalPolicy needed, List<Approver> approvals, String requestedBy) {
        long n = approvals.stream()
                .filter(a -> a.role().equals(needed.role()))
                .filter(a -> needed.requesterMayApprove() || !a.principal().equals(requestedBy))
                .map(Approver::principal)
                .distinct()
                .count();
        return n >= needed.required();
    }
}
