package io.releasekit.core.run;

import static io.releasekit.core.run.ScriptedProcess.writing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.ConflictException;
import io.releasekit.core.NotPermittedException;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.service.ServiceGuards;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunApprovalTest {

    private static final Set<String> RELEASE_MANAGER = Set.of(ApprovalPolicy.RELEASE_MANAGER);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ServiceGuards guards = ServiceGuards.withDefaults();
    private final Ledger ledger = new Ledger();
    private final RunEngine engine = RunEngine.builder()
            .guards(guards)
            .replayInterval(Duration.ZERO)
            .define(
                    ScriptedProcess.of("emergency-publish", writing("publish", ledger::write))
                            .withPolicy(ApprovalPolicy.releaseManagers(2)),
                    ScriptedProcess.of("self-approved", writing("publish", ledger::write))
                            .withPolicy(new ApprovalPolicy(1, ApprovalPolicy.RELEASE_MANAGER, true)),
                    ScriptedProcess.of("plain", writing("publish", ledger::write)))
            .build();

    @AfterEach
    void close() {
        engine.close();
        guards.close();
    }

    @Test
    void startsOnlyAfterTheRequiredNumberOfDistinctApprovers() {
        Run run = engine.start(RunRequest.of("emergency-publish", Map.of(), "alice"));
        assertThat(run.state()).isEqualTo(RunState.AWAITING_APPROVAL);

        Run once = engine.approve(run.id(), "bob", RELEASE_MANAGER, "checked the commit");
        Run twice = engine.approve(run.id(), "bob", RELEASE_MANAGER, "again");

        assertThat(once.state()).isEqualTo(RunState.AWAITING_APPROVAL);
        assertThat(twice.approvals()).extracting(Approval::principal).containsExactly("bob");
        assertThat(ledger.executions(run.id() + ":publish")).isZero();

        Run approved = engine.approve(run.id(), "carol", RELEASE_MANAGER, null);
        assertThat(approved.state()).isEqualTo(RunState.QUEUED);

        Run done = engine.awaitEnd(run.id(), WAIT);
        assertThat(done.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(done.approvals())
                .extracting(Approval::principal, Approval::role, Approval::comment)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("bob", "release-manager", "checked the commit"),
                        org.assertj.core.groups.Tuple.tuple("carol", "release-manager", null));
        assertThat(engine.events(run.id(), 0))
                .filteredOn(e -> e.type() == RunEvent.Type.APPROVAL_RECORDED)
                .extracting(e -> e.data().get("principal") + " " + e.data().get("approvals") + "/"
                        + e.data().get("required"))
                .containsExactly("bob 1/2", "carol 2/2");
        assertThat(ledger.writes(run.id() + ":publish")).isEqualTo(1);
    }

    @Test
    void theRequesterMayNotApproveTheirOwnRunWhenThePolicyForbidsIt() {
        Run run = engine.start(RunRequest.of("emergency-publish", Map.of(), "alice"));

        assertThatThrownBy(() -> engine.approve(run.id(), "alice", RELEASE_MANAGER, "me"))
                .isInstanceOfSatisfying(NotPermittedException.class, e -> {
                    assertThat(e.errorType()).isEqualTo("forbidden");
                    assertThat(e.getMessage())
                            .isEqualTo("principal 'alice' requested run '" + run.id()
                                    + "' and may not approve it: the policy needs 2 approval(s) by others");
                });
        assertThat(engine.run(run.id()).approvals()).isEmpty();
    }

    @Test
    void theRequesterMayApproveWhenThePolicyAllowsIt() {
        Run run = engine.start(RunRequest.of("self-approved", Map.of(), "alice"));

        engine.approve(run.id(), "alice", RELEASE_MANAGER, null);

        assertThat(engine.awaitEnd(run.id(), WAIT).state()).isEqualTo(RunState.SUCCEEDED);
    }

    @Test
    void anApproverWithoutThePolicyRoleIsRefused() {
        Run run = engine.start(RunRequest.of("emergency-publish", Map.of(), "alice"));

        assertThatThrownBy(() -> engine.approve(run.id(), "ci-bot", Set.of("ci", "reader"), null))
                .isInstanceOf(NotPermittedException.class)
                .hasMessage("approving run '" + run.id()
                        + "' needs role 'release-manager'; principal 'ci-bot' has [ci, reader]");
    }

    @Test
    void approvingARunThatIsNotAwaitingApprovalIsAConflict() {
        Run run = engine.awaitEnd(
                engine.start(RunRequest.of("plain", Map.of(), "alice")).id(), WAIT);

        assertThatThrownBy(() -> engine.approve(run.id(), "bob", RELEASE_MANAGER, null))
                .isInstanceOf(ConflictException.class)
                .hasMessage("run '" + run.id() + "' is SUCCEEDED, not awaiting approval");
    }

    @Test
    void concurrentApprovalsReleaseTheRunOnceWithExactlyTheRequiredApprovers() throws Exception {
        Run run = engine.start(RunRequest.of("emergency-publish", Map.of(), "alice"));
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Callable<Run>> calls = new ArrayList<>();
        for (String who : List.of("bob", "carol", "dave", "erin", "frank")) {
            calls.add(() -> engine.approve(run.id(), who, RELEASE_MANAGER, null));
            calls.add(() -> engine.approve(run.id(), who, RELEASE_MANAGER, null));
        }
        int conflicts = 0;
        for (Future<Run> f : pool.invokeAll(calls)) {
            try {
                f.get();
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(ConflictException.class);
                conflicts++;
            }
        }
        pool.shutdown();

        Run done = engine.awaitEnd(run.id(), WAIT);
        assertThat(done.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(done.approvals()).hasSize(2);
        assertThat(conflicts).isGreaterThanOrEqualTo(3); // the three principals who came too late, at least once each
        assertThat(ledger.executions(run.id() + ":publish")).isEqualTo(1);
        assertThat(engine.events(run.id(), 0))
                .filteredOn(e -> e.type() == RunEvent.Type.RUN_STATE_CHANGED)
                .extracting(e -> e.data().get("state"))
                .containsExactly("AWAITING_APPROVAL", "QUEUED", "RUNNING", "SUCCEEDED");
    }
}
