package io.releasekit.process.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.ConflictException;
import io.releasekit.core.host.CheckRun;
import io.releasekit.core.host.ChecksWaiter;
import io.releasekit.core.host.ReleaseHosts;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.InMemoryReleaseHost;
import io.releasekit.core.version.TagScheme;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitHubWaitChecksProcessTest {

    final InMemoryReleaseHost host = new InMemoryReleaseHost().ref("stable", "9".repeat(40));
    final ReleaseHosts hosts = ReleaseHosts.builder(ServiceGuards.withDefaults())
            .add("packit-service", host, TagScheme.of(""))
            .build();
    Instant now = Instant.parse("2025-11-24T13:00:00Z");
    final Clock clock = new Clock() {
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
    final GitHubWaitChecksProcess process =
            new GitHubWaitChecksProcess(hosts, new ChecksWaiter(clock, d -> now = now.plus(d)));

    static CheckRun run(String status, String conclusion) {
        return new CheckRun(CheckRun.Kind.WORKFLOW, "Rebuild & push service:prod", 1, status, conclusion, "");
    }

    Map<String, Object> params(Object... more) {
        Map<String, Object> p = new java.util.LinkedHashMap<>(Map.of(
                "repository", "packit-service", "ref", "stable", "required", List.of("Rebuild & push service:prod")));
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    @Test
    void succeedsWhenTheImageBuildPassed() throws Exception {
        host.checks(List.of(run("completed", "success")));

        StepDriver d = StepDriver.run(process, params(), false, ServiceGuards.withDefaults());

        assertThat(d.outputs).containsEntry("verdict", "passed").containsEntry("sha", "9".repeat(40));
        assertThat(d.progress).isNotEmpty();
    }

    @Test
    void failsTheStepWhenTheBuildFailedNamingIt() {
        host.checks(List.of(run("completed", "failure")));

        assertThatThrownBy(() -> StepDriver.run(process, params(), false, ServiceGuards.withDefaults()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("workflow \"Rebuild & push service:prod\": completed/failure");
    }

    @Test
    void reportsATimeOutAsAnOutputWhenAskedNotToFail() throws Exception {
        host.checks(List.of(run("in_progress", null)));

        StepDriver d = StepDriver.run(
                process, params("timeoutSeconds", 120, "failOnFailure", false), false, ServiceGuards.withDefaults());

        assertThat(d.outputs).containsEntry("verdict", "timed-out").containsEntry("polls", "5");
        assertThat(Duration.between(Instant.parse("2025-11-24T13:00:00Z"), now)).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void refusesAPollingIntervalThatWouldHammerGithub() {
        assertThatThrownBy(() ->
                        StepDriver.run(process, params("intervalSeconds", 1), false, ServiceGuards.withDefaults()))
                .hasMessageContaining("'intervalSeconds' must be between 5 and 3600, was 1");
    }
}
