package io.releasekit.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.releasekit.github.FakeGitHub.PATH;
import static io.releasekit.github.FakeGitHub.github;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.releasekit.core.host.CheckRequirement;
import io.releasekit.core.host.CheckRun;
import io.releasekit.core.host.CheckSnapshot;
import io.releasekit.core.host.ChecksOutcome;
import io.releasekit.core.host.ChecksWaiter;
import io.releasekit.core.host.Releases;
import io.releasekit.core.service.ServiceGuards;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GitHubChecksTest {

    static final String SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";
    static final String WORKFLOW = "Rebuild & push service:prod";

    final FakeGitHub github = new FakeGitHub().withRepository();
    final GitHubReleaseHost host = github.connection().repository(FakeGitHub.OWNER, FakeGitHub.REPO);

    @BeforeEach
    void stableResolves() {
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/commits/stable"))
                        .withHeader("Accept", equalTo("application/vnd.github.sha"))
                        .willReturn(github(200)
                                .withHeader("Content-Type", "application/vnd.github.sha")
                                .withBody(SHA)));
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/commits/" + SHA + "/check-runs"))
                        .willReturn(
                                github(200).withBody("{\"total_count\": 1, \"check_runs\": [" + checkRun() + "]}")));
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/statuses/" + SHA))
                        .willReturn(
                                github(200).withBody("[" + status(3, "success") + "," + status(2, "pending") + "]")));
    }

    @AfterEach
    void stop() {
        github.close();
    }

    String workflowRuns(String status, String conclusion) {
        return "{\"total_count\": 1, \"workflow_runs\": [{\"id\": 11950331402, \"name\": \"" + WORKFLOW + "\","
                + " \"node_id\": \"WFR_kwLOCf\", \"head_branch\": \"stable\", \"head_sha\": \"" + SHA + "\","
                + " \"path\": \".github/workflows/service-image-rebuild-stable.yml\", \"display_title\": \"Merge main\","
                + " \"run_number\": 412, \"event\": \"push\", \"status\": \"" + status + "\", \"conclusion\": "
                + (conclusion == null ? "null" : "\"" + conclusion + "\"") + ", \"workflow_id\": 63171234,"
                + " \"check_suite_id\": 29401234567, \"url\": \"" + github.base() + PATH
                + "/actions/runs/11950331402\","
                + " \"html_url\": \"https://github.com/packit/packit-service/actions/runs/11950331402\","
                + " \"pull_requests\": [], \"created_at\": \"2025-11-24T13:05:00Z\","
                + " \"updated_at\": \"2025-11-24T13:45:00Z\", \"run_attempt\": 1,"
                + " \"run_started_at\": \"2025-11-24T13:05:00Z\","
                + " \"jobs_url\": \"" + github.base() + PATH + "/actions/runs/11950331402/jobs\","
                + " \"logs_url\": \"" + github.base() + PATH + "/actions/runs/11950331402/logs\","
                + " \"workflow_url\": \"" + github.base() + PATH + "/actions/workflows/63171234\","
                + " \"head_commit\": {\"id\": \"" + SHA + "\", \"tree_id\": \"" + SHA
                + "\", \"message\": \"Merge main\","
                + " \"timestamp\": \"2025-11-24T13:04:00Z\", \"author\": {\"name\": \"A\", \"email\": \"a@b.c\"},"
                + " \"committer\": {\"name\": \"A\", \"email\": \"a@b.c\"}}}]}";
    }

    String checkRun() {
        return "{\"id\": 33300001, \"head_sha\": \"" + SHA + "\", \"node_id\": \"CR_kwDO\", \"external_id\": \"\","
                + " \"url\": \"" + github.base() + PATH + "/check-runs/33300001\","
                + " \"html_url\": \"https://github.com/packit/packit-service/runs/33300001\","
                + " \"details_url\": \"https://github.com/packit/packit-service/runs/33300001\","
                + " \"status\": \"completed\", \"conclusion\": \"success\", \"started_at\": \"2025-11-24T13:05:10Z\","
                + " \"completed_at\": \"2025-11-24T13:06:00Z\", \"output\": {\"title\": null, \"summary\": null,"
                + " \"text\": null, \"annotations_count\": 0, \"annotations_url\": \"x\"},"
                + " \"name\": \"pre-commit\", \"check_suite\": {\"id\": 29401234000},"
                + " \"app\": {\"id\": 15368, \"slug\": \"github-actions\", \"name\": \"GitHub Actions\"},"
                + " \"pull_requests\": []}";
    }

    String status(long id, String state) {
        return "{\"url\": \"x\", \"avatar_url\": \"x\", \"id\": " + id + ", \"node_id\": \"SC_kwDO\", \"state\": \""
                + state
                + "\", \"description\": \"Image pushed\", \"target_url\": \"https://quay.io/repository/packit\","
                + " \"context\": \"quay.io\", \"created_at\": \"2025-11-24T13:50:00Z\","
                + " \"updated_at\": \"2025-11-24T13:50:00Z\"}";
    }

    @Test
    void readsWorkflowRunsCheckRunsAndTheLatestStatusOfEachContext() {
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/actions/runs"))
                        .withQueryParam("head_sha", equalTo(SHA))
                        .willReturn(github(200).withBody(workflowRuns("completed", "success"))));

        CheckSnapshot s = host.checks("stable");

        assertThat(s.sha()).isEqualTo(SHA);
        assertThat(s.runs())
                .extracting(CheckRun::describe)
                .containsExactly(
                        "workflow \"" + WORKFLOW + "\": completed/success",
                        "check \"pre-commit\": completed/success",
                        "status \"quay.io\": success");
    }

    @Test
    void waitsForTheImageBuildWhileWireMockMovesTheRunAlong() throws Exception {
        String[] states = {Scenario.STARTED, "in progress", "done"};
        String[][] answers = {{"queued", null}, {"in_progress", null}, {"completed", "success"}};
        for (int i = 0; i < states.length; i++) {
            github.server()
                    .stubFor(get(urlPathEqualTo(PATH + "/actions/runs"))
                            .inScenario("image build")
                            .whenScenarioStateIs(states[i])
                            .willSetStateTo(states[Math.min(i + 1, states.length - 1)])
                            .willReturn(github(200).withBody(workflowRuns(answers[i][0], answers[i][1]))));
        }
        FakeTime time = new FakeTime();
        List<String> progress = new ArrayList<>();

        ChecksOutcome o = new Releases(host, ServiceGuards.withDefaults())
                .awaitChecks(
                        "stable",
                        CheckRequirement.of(WORKFLOW),
                        Duration.ofMinutes(60),
                        Duration.ofSeconds(30),
                        new ChecksWaiter(time.clock(), time::sleep),
                        e -> progress.add(e.verdict().name()));

        assertThat(o).isInstanceOf(ChecksOutcome.Passed.class);
        assertThat(o.polls()).isEqualTo(3);
        assertThat(progress).containsExactly("PENDING", "PENDING", "PASSED");
    }

    @Test
    void aFailedBuildEndsTheWaitAsAResult() throws Exception {
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/actions/runs"))
                        .willReturn(github(200).withBody(workflowRuns("completed", "failure"))));
        FakeTime time = new FakeTime();

        ChecksOutcome o = new Releases(host, ServiceGuards.withDefaults())
                .awaitChecks(
                        "stable",
                        CheckRequirement.of(WORKFLOW),
                        Duration.ofMinutes(60),
                        Duration.ofSeconds(30),
                        new ChecksWaiter(time.clock(), time::sleep),
                        e -> {});

        assertThat(o).isInstanceOf(ChecksOutcome.Failed.class);
        assertThat(o.last().summary()).contains(WORKFLOW).contains("failure");
    }

    @Test
    void aBuildThatNeverFinishesTimesOut() throws Exception {
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/actions/runs"))
                        .willReturn(github(200).withBody(workflowRuns("in_progress", null))));
        FakeTime time = new FakeTime();

        ChecksOutcome o = new Releases(host, ServiceGuards.withDefaults())
                .awaitChecks(
                        "stable",
                        CheckRequirement.of(WORKFLOW),
                        Duration.ofSeconds(50),
                        Duration.ofSeconds(20),
                        new ChecksWaiter(time.clock(), time::sleep),
                        e -> {});

        assertThat(o).isInstanceOf(ChecksOutcome.TimedOut.class);
        assertThat(o.polls()).isEqualTo(4);
        assertThat(o.last().pending()).extracting(CheckRun::name).containsExactly(WORKFLOW);
    }

    /** A clock that moves only when the waiter sleeps. */
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
