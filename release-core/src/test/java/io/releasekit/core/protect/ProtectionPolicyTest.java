package io.releasekit.core.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.approval.ApprovalPolicy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtectionPolicyTest {

    private final ProtectionPolicy policy = ProtectionPolicy.of(
            new ProtectionRule(
                    "releases",
                    new TargetPattern.StorePrefix("releases", "releases/"),
                    Set.of(WriteOperation.WRITE, WriteOperation.DELETE),
                    ApprovalPolicy.releaseManagers(2)),
            new ProtectionRule(
                    "stable",
                    new TargetPattern.Branches("app", "stable"),
                    Set.of(WriteOperation.FORCE_MOVE, WriteOperation.FORCE_PUSH),
                    new ApprovalPolicy(1, ApprovalPolicy.RELEASE_MANAGER, true)),
            new ProtectionRule(
                    "release-branches",
                    new TargetPattern.Branches("app", "release/*"),
                    Set.of(WriteOperation.FORCE_PUSH),
                    new ApprovalPolicy(1, ApprovalPolicy.RELEASE_MANAGER, true)));

    private static PlannedWrite branch(String b, WriteOperation op) {
        return PlannedWrite.of(new ProtectedTarget.GitBranch("app", b), op, null);
    }

    @Test
    void theStrictestRuleDecidesARunsApprovals() {
        ApprovalPolicy p = policy.approvalsFor(List.of(
                branch("stable", WriteOperation.FORCE_PUSH),
                PlannedWrite.storeWrite("releases", "releases/1.0/x", null)));

        assertThat(p).isEqualTo(ApprovalPolicy.releaseManagers(2));
        assertThat(policy.approvalsFor(List.of(branch("stable", WriteOperation.PUSH))))
                .isEqualTo(ApprovalPolicy.none());
        assertThat(policy.approvalsFor(List.of(branch("stable", WriteOperation.FORCE_MOVE))))
                .isEqualTo(new ApprovalPolicy(1, ApprovalPolicy.RELEASE_MANAGER, true));
    }

    @Test
    void combiningExcludesTheRequesterWhenEitherRuleDoes() {
        ApprovalPolicy c = ProtectionPolicy.combine(
                new ApprovalPolicy(3, ApprovalPolicy.RELEASE_MANAGER, true), ApprovalPolicy.releaseManagers(1));
        assertThat(c).isEqualTo(new ApprovalPolicy(3, ApprovalPolicy.RELEASE_MANAGER, false));
    }

    @ParameterizedTest
    @CsvSource({
        "release/1.0, true",
        "release/1.0/hotfix, false",
        "releases, false",
        "main, false",
    })
    void branchGlobsMatchWithinOnePathSegment(String branch, boolean protectedWrite) {
        assertThat(policy.isProtected(branch(branch, WriteOperation.FORCE_PUSH)))
                .isEqualTo(protectedWrite);
    }

    @Test
    void approvalsCountDistinctPrincipalsWithTheRoleAndNotTheRequesterWhenExcluded() {
        ApprovalPolicy two = ApprovalPolicy.releaseManagers(2);
        assertThat(ProtectionPolicy.satisfied(
                        two,
                        List.of(new Approver("ci", "release-manager"), new Approver("a", "release-manager")),
                        "ci"))
                .isFalse();
        assertThat(ProtectionPolicy.satisfied(
                        two, List.of(new Approver("a", "admin"), new Approver("b", "release-manager")), "ci"))
                .isFalse();
        assertThat(ProtectionPolicy.satisfied(
                        two, List.of(new Approver("a", "release-manager"), new Approver("b", "release-manager")), "ci"))
                .isTrue();
    }

    @Test
    void plannedWritesSurviveTheirStoredForm() {
        PlannedWrite w = PlannedWrite.of(
                new ProtectedTarget.GitTag("app", "v1.2.0"), WriteOperation.PUSH, "push tag v1.2.0 to origin");
        assertThat(PlannedWrite.decode(w.encode())).isEqualTo(w);
        assertThatThrownBy(() -> PlannedWrite.decode("push\tbranch")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aRuleWithoutApprovalsOrOperationsIsRefusedNamingIt() {
        assertThatThrownBy(() -> new ProtectionRule(
                        "r",
                        new TargetPattern.StorePrefix("s", ""),
                        Set.of(WriteOperation.WRITE),
                        ApprovalPolicy.none()))
                .hasMessageContaining("protection rule 'r' needs at least 1 approval");
        assertThatThrownBy(() -> new ProtectionRule(
                        "r", new TargetPattern.StorePrefix("s", ""), Set.of(), ApprovalPolicy.releaseManagers(1)))
                .hasMessageContaining("protection rule 'r' names no operation");
        assertThatThrownBy(() -> WriteOperation.parse("force"))
                .hasMessageContaining("write operation 'force' is not known");
    }
}
