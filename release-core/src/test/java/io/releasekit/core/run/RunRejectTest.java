package io.releasekit.core.run;

import static io.releasekit.core.run.ScriptedProcess.writing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.ConflictException;
import io.releasekit.core.NotPermittedException;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.service.ServiceGuards;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunRejectTest {

    private static final Set<String> RELEASE_MANAGER = Set.of(ApprovalPolicy.RELEASE_MANAGER);

    private final ServiceGuards guards = ServiceGuards.withDefaults();
    private final Ledger ledger = new Ledger();
    private final RunEngine engine = RunEngine.builder()
            .guards(guards)
            .replayInterval(Duration.ZERO)
            .define(
                    ScriptedProcess.of("emergency-publish", writing("publish", ledger::write))
                            .withPolicy(ApprovalPolicy.releaseManagers(2)),
                    ScriptedProcess.of("plain", writing("publish", ledger::write)))
            .build();

    @AfterEach
    void close() {
        engine.close();
        guards.close();
    }

    @Test
    void aRejectedRunIsCancelledWithTheRejecterAndCommentAndNeverRuns() {
        Run run = engine.start(RunRequest.of("emergency-publish", Map.of(), "alice"));
        engine.approve(run.id(), "bob", RELEASE_MANAGER, "looks fine");

        Run rejected = engine.reject(run.id(), "carol", RELEASE_MANAGER, "wrong commit");

        assertThat(rejected.state()).isEqualTo(RunState.CANCELLED);
        assertThat(rejected.reason()).isEqualTo("rejected by carol: wrong commit");
        assertThat(engine.events(run.id(), 0))
                .filteredOn(e -> e.type() == RunEvent.Type.RUN_STATE_CHANGED)
                .last()
                .satisfies(e -> assertThat(e.data())
                        .containsEntry("from", "AWAITING_APPROVAL")
                        .containsEntry("state", "CANCELLED")
                        .containsEntry("by", "carol")
                        .containsEntry("rejected", "true"));
        assertThatThrownBy(() -> engine.approve(run.id(), "dave", RELEASE_MANAGER, null))
                .isInstanceOf(ConflictException.class);
        assertThat(ledger.executions(run.id() + ":publish")).isZero();
    }

    @Test
    void theRequesterMayWithdrawTheirOwnRequest() {
        Run run = engine.start(RunRequest.of("emergency-publish", Map.of(), "alice"));

        Run rejected = engine.reject(run.id(), "alice", RELEASE_MANAGER, null);

        assertThat(rejected.state()).isEqualTo(RunState.CANCELLED);
        assertThat(rejected.reason()).isEqualTo("rejected by alice");
    }

    @Test
    void refusesAPrincipalWithoutTheApproverRoleAndARunNotAwaitingApproval() {
        Run run = engine.start(RunRequest.of("emergency-publish", Map.of(), "alice"));
        Run plain = engine.start(RunRequest.of("plain", Map.of(), "alice"));

        assertThatThrownBy(() -> engine.reject(run.id(), "eve", Set.of("ci"), "no"))
                .isInstanceOf(NotPermittedException.class)
                .hasMessageContaining("needs role 'release-manager'")
                .hasMessageContaining("'eve'");
        assertThatThrownBy(() -> engine.reject(plain.id(), "bob", RELEASE_MANAGER, "no"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("not awaiting approval");
        assertThat(engine.run(run.id()).state()).isEqualTo(RunState.AWAITING_APPROVAL);
    }

    @Test
    void aRunWhoseApprovalWindowPassedExpiresAndAnApprovedOneIsLeftAlone() {
        Run waiting = engine.start(RunRequest.of("emergency-publish", Map.of(), "alice"));
        Run approved = engine.start(RunRequest.of("emergency-publish", Map.of(), "alice"));
        engine.approve(approved.id(), "bob", RELEASE_MANAGER, null);
        engine.approve(approved.id(), "carol", RELEASE_MANAGER, null);

        Run expired =
                engine.expireApproval(waiting.id(), "not approved within PT24H").orElseThrow();

        assertThat(expired.state()).isEqualTo(RunState.CANCELLED);
        assertThat(expired.reason()).isEqualTo("approval expired: not approved within PT24H");
        assertThat(engine.events(waiting.id(), 0))
                .filteredOn(e -> e.type() == RunEvent.Type.RUN_STATE_CHANGED)
                .last()
                .satisfies(e -> assertThat(e.data())
                        .containsEntry("from", "AWAITING_APPROVAL")
                        .containsEntry("state", "CANCELLED")
                        .containsEntry("expired", "true"));
        assertThat(engine.expireApproval(approved.id(), "not approved within PT24H"))
                .isEmpty();
        assertThat(engine.expireApproval(waiting.id(), "again")).isEmpty();
        assertThat(ledger.executions(waiting.id() + ":publish")).isZero();
    }
}
