package io.releasekit.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.RateLimitedException;
import io.releasekit.core.host.CheckRun.Kind;
import io.releasekit.core.host.ChecksEvaluation.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ChecksTest {

    static CheckRun workflow(long id, String name, String status, String conclusion) {
        return new CheckRun(Kind.WORKFLOW, name, id, status, conclusion, "");
    }

    static CheckSnapshot snapshot(CheckRun... runs) {
        return new CheckSnapshot("stable", "a".repeat(40), List.of(runs));
    }

    @Test
    void passesWhenTheRequiredChecksSucceededIgnoringOthers() {
        ChecksEvaluation e = CheckRequirement.of("Rebuild & push service:prod")
                .evaluate(snapshot(
                        workflow(1, "Rebuild & push service:prod", "completed", "success"),
                        workflow(2, "Lint", "completed", "failure")));

        assertThat(e.verdict()).isEqualTo(Verdict.PASSED);
    }

    @Test
    void theLatestReportOfANameCounts() {
        CheckSnapshot rerun =
                snapshot(workflow(10, "build", "completed", "failure"), workflow(11, "build", "completed", "success"));

        assertThat(CheckRequirement.allReported().evaluate(rerun).verdict()).isEqualTo(Verdict.PASSED);
    }

    @Test
    void isPendingWhileARequiredCheckIsMissingOrRunning() {
        ChecksEvaluation e =
                CheckRequirement.of("build", "images").evaluate(snapshot(workflow(1, "build", "in_progress", null)));

        assertThat(e.verdict()).isEqualTo(Verdict.PENDING);
        assertThat(e.missing()).containsExactly("images");
        assertThat(e.summary()).contains("workflow \"build\": in_progress").contains("not reported yet: images");
    }

    @Test
    void failsAsSoonAsOneRequiredCheckFailedAndNamesIt() {
        ChecksEvaluation e = CheckRequirement.allReported()
                .evaluate(snapshot(
                        workflow(1, "build", "in_progress", null),
                        new CheckRun(Kind.CHECK, "images (aarch64)", 2, "completed", "timed_out", ""),
                        new CheckRun(Kind.STATUS, "quay", 3, "error", null, "")));

        assertThat(e.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(e.summary())
                .contains("check \"images (aarch64)\": completed/timed_out")
                .contains("status \"quay\"");
    }

    @Test
    void nothingReportedIsPendingNotPassed() {
        assertThat(CheckRequirement.allReported().evaluate(snapshot()).verdict())
                .isEqualTo(Verdict.PENDING);
    }

    @Test
    void waitsUntilTheChecksPassPollingAtTheInterval() throws Exception {
        FakeTime time = new FakeTime();
        Deque<CheckSnapshot> answers = new ArrayDeque<>(List.of(
                snapshot(),
                snapshot(workflow(1, "images", "queued", null)),
                snapshot(workflow(1, "images", "completed", "success"))));
        List<Verdict> seen = new ArrayList<>();

        ChecksOutcome o = new ChecksWaiter(time.clock(), time::sleep)
                .await(
                        answers::pop,
                        CheckRequirement.of("images"),
                        Duration.ofMinutes(60),
                        Duration.ofSeconds(30),
                        e -> seen.add(e.verdict()));

        assertThat(o).isInstanceOf(ChecksOutcome.Passed.class);
        assertThat(o.polls()).isEqualTo(3);
        assertThat(o.waited()).isEqualTo(Duration.ofSeconds(60));
        assertThat(seen).containsExactly(Verdict.PENDING, Verdict.PENDING, Verdict.PASSED);
    }

    @Test
    void aFailedCheckIsAResult() throws Exception {
        FakeTime time = new FakeTime();

        ChecksOutcome o = new ChecksWaiter(time.clock(), time::sleep)
                .await(
                        () -> snapshot(workflow(1, "images", "completed", "failure")),
                        CheckRequirement.of("images"),
                        Duration.ofMinutes(5),
                        Duration.ofSeconds(30),
                        e -> {});

        assertThat(o).isInstanceOf(ChecksOutcome.Failed.class);
        assertThat(o.last().failed()).extracting(CheckRun::name).containsExactly("images");
    }

    @Test
    void timesOutAfterTheLastPollAtTheDeadline() throws Exception {
        FakeTime time = new FakeTime();

        ChecksOutcome o = new ChecksWaiter(time.clock(), time::sleep)
                .await(
                        () -> snapshot(workflow(1, "images", "in_progress", null)),
                        CheckRequirement.of("images"),
                        Duration.ofSeconds(100),
                        Duration.ofSeconds(30),
                        e -> {});

        assertThat(o).isInstanceOf(ChecksOutcome.TimedOut.class);
        assertThat(o.waited()).isEqualTo(Duration.ofSeconds(100));
        assertThat(o.polls()).isEqualTo(5); // at 0, 30, 60, 90 and the deadline 100
    }

    @Test
    void waitsOutAShortRateLimitAndRethrowsOneBeyondTheDeadline() throws Exception {
        FakeTime time = new FakeTime();
        Deque<Supplier<CheckSnapshot>> answers = new ArrayDeque<>(List.of(
                () -> {
                    throw new RateLimitedException("github", "rate limited", Duration.ofSeconds(45), null);
                },
                () -> snapshot(workflow(1, "images", "completed", "success"))));

        ChecksOutcome o = new ChecksWaiter(time.clock(), time::sleep)
                .await(
                        () -> answers.pop().get(),
                        CheckRequirement.of("images"),
                        Duration.ofMinutes(5),
                        Duration.ofSeconds(30),
                        e -> {});

        assertThat(o).isInstanceOf(ChecksOutcome.Passed.class);
        assertThat(o.waited()).isEqualTo(Duration.ofSeconds(45));
        assertThatThrownBy(() -> new ChecksWaiter(time.clock(), time::sleep)
                        .await(
                                () -> {
                                    throw new RateLimitedException("github", "rate limited", Duration.ofHours(1), null);
                                },
                                CheckRequirement.of("images"),
                                Duration.ofMinutes(5),
                                Duration.ofSeconds(30),
                                e -> {}))
                .isInstanceOf(RateLimitedException.class);
    }

    /** A clock that only moves when the code under test sleeps. */
    static final class FakeTime {
        private Instant now = Instant.parse("2025-11-24T13:00:00Z");

        Clock clock() {
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            };
        }

        void sleep(Duration d) {
            now = now.plus(d);
        }
    }
}
