package io.releasekit.core.protect;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.approval.ApprovalPolicy;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One protected target: which targets, which operations on them, and the approvals such a write needs.
 *
 * <pre>{@code
 * new ProtectionRule("releases", new TargetPattern.StorePrefix("releases", ""), Set.of(WriteOperation.WRITE),
 *         ApprovalPolicy.releaseManagers(2));
 * }</pre>
 *
 * @param name the rule's name, as configured ({@code releasekit.protection.rules.<name>})
 * @param targets the targets it covers
 * @param operations the operations on them that need approval
 * @param approvals who must approve such a write ({@link ApprovalPolicy#needsApproval()} must hold)
 */
public record ProtectionRule(
        String name, TargetPattern targets, Set<WriteOperation> operations, ApprovalPolicy approvals) {

    public ProtectionRule {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("a protection rule needs a name");
        }
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(approvals, "approvals");
        if (operations == null || operations.isEmpty()) {
            throw new InvalidInputException("protection rule '" + name + "' names no operation");
        }
        if (!approvals.needsApproval()) {
            throw new InvalidInputException(
                    "protection rule '" + name + "' needs at least 1 approval, was " + approvals.required());
        }
        operations = Set.copyOf(EnumSet.copyOf(operations));
    }

    /** Whether the rule covers this write. */
    public boolean covers(PlannedWrite write) {
        return operations.contains(write.operation()) && targets.matches(write.target());
    }

    /** The rule in messages: {@code 'releases' (store releases: write needs 2 release-manager approvals)}. */
    public String describe() {
        return "'" + name + "' (" + targets.describe() + ": "
                + operations.stream().map(WriteOperation::label).sorted().toList() + ")";
    }
}
