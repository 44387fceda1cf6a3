package io.releasekit.process.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.NotFoundException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.host.PullRequest;
import io.releasekit.core.host.Release;
import io.releasekit.core.host.ReleaseHosts;
import io.releasekit.core.run.Dependency;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import io.releasekit.core.service.GuardConfig;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.InMemoryReleaseHost;
import io.releasekit.core.version.TagScheme;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GitHubReleaseProcessTest {

    static final String SHA = "3f786850e387550fdab836ed7e6dc881de23001b";

    final InMemoryReleaseHost host = new InMemoryReleaseHost()
            .ref("main", SHA)
            .tag("release-0.1.0", "0".repeat(40))
            .tag("release-0.1.1", "1".repeat(40))
            .pullRequest(new PullRequest(
                    101,
                    "Add Okta",
                    "Intro\n\nRELEASE NOTES BEGIN\nNew `Okta::Group`.\n" + "RELEASE NOTES END",
                    List.of("enhancement"),
                    "dev",
                    Optional.of(Instant.EPOCH),
                    "https://x/101"))
            .pullRequest(new PullRequest(102, "CI tweak", "n/a", List.of("ci"), "dev", Optional.of(Instant.EPOCH), ""));
    final ServiceGuards guards = ServiceGuards.builder()
            .service("github", GuardConfig.defaults().withWaits(Duration.ofSeconds(30), Duration.ofMillis(1)))
            .build();
    final ReleaseHosts hosts = ReleaseHosts.builder(guards)
            .add("cfn", host, TagScheme.of("release-"))
            .build();
    final GitHubReleaseProcess process = new GitHubReleaseProcess(hosts);

    @Test
    void releasesTheNextNumberWithNotesAndPublishesIt() throws Exception {
        StepDriver run = StepDriver.run(
                process,
                Map.of("repository", "cfn", "categories", List.of("New resources=enhancement")),
                false,
                guards);

        assertThat(run.outputs)
                .containsEntry("tag", "release-0.1.2")
                .containsEntry("previousTag", "release-0.1.1")
                .containsEntry("targetSha", SHA)
                .containsEntry("draft", "false");
        Release r = host.findRelease("release-0.1.2").orElseThrow();
        assertThat(r.draft()).isFalse();
        assertThat(r.target()).isEqualTo(SHA);
        assertThat(r.body())
                .contains("### New resources\n\n- New `Okta::Group`. ([#101](https://x/101))")
                .doesNotContain("#102")
                .contains("**Full Changelog**: release-0.1.1...release-0.1.2");
    }

    @Test
    void aSecondRunWithTheSameTagChangesNothing() throws Exception {
        StepDriver.run(process, Map.of("repository", "cfn", "tag", "release-0.1.2"), false, guards);
        int writes = host.writes();

        StepDriver again = StepDriver.run(process, Map.of("repository", "cfn", "tag", "release-0.1.2"), false, guards);

        assertThat(again.kinds()).containsExactly("Succeeded", "Skipped", "Skipped");
        assertThat(again.outputs).containsEntry("previousTag", "release-0.1.1");
        assertThat(host.writes()).isEqualTo(writes);
    }

    @Test
    void aDryRunPlansBothWritesAndMakesNone() throws Exception {
        StepDriver run = StepDriver.run(process, Map.of("repository", "cfn"), true, guards);

        assertThat(run.plans)
                .containsExactly(
                        "would create draft release release-0.1.2 (tag created from " + SHA + ")", run.plans.get(1));
        assertThat(run.plans.get(1)).startsWith("would write notes (").endsWith("and publish on release release-0.1.2");
        assertThat(host.writes()).isZero();
    }

    @Test
    void creatingIsStrictOnGithubWhileTheNotesCanBeDeferred() {
        List<Step> steps = process.steps(RunParameters.of(Map.of("repository", "cfn")));

        assertThat(steps).extracting(Step::name).containsExactly("plan-release", "create-release", "release-notes");
        assertThat(steps.get(1).services()).singleElement().satisfies(n -> {
            assertThat(n.service()).isEqualTo("github");
            assertThat(n.dependency()).isEqualTo(Dependency.STRICT);
        });
        assertThat(steps.get(2).services()).singleElement().satisfies(n -> assertThat(n.dependency())
                .isEqualTo(Dependency.DEFERRABLE));
        assertThat(steps.get(0).writes()).isFalse();
    }

    @Test
    void theNotesStepThrowsServiceUnavailableForTheRunnerToDeferWhenGithubFailsAfterTheRelease() throws Exception {
        StepDriver planned = new StepDriver();
        RunParameters p = process.parameters().validate(Map.of("repository", "cfn", "notes", "Hand-written notes."));
        List<Step> steps = process.steps(p);
        for (Step s : steps.subList(0, 2)) {
            var ctx = new io.releasekit.core.testkit.TestStepContext(p, false, guards)
                    .forStep(s.name())
                    .withOutputs(planned.outputs);
            planned.outputs.putAll(s.execute(ctx).outputs());
        }
        host.failNext(3, () -> new ServiceUnavailableException("github", "GitHub answered 503"));
        var notesCtx = new io.releasekit.core.testkit.TestStepContext(p, false, guards)
                .forStep("release-notes")
                .withOutputs(planned.outputs);

        assertThatThrownBy(() -> steps.get(2).execute(notesCtx)).isInstanceOf(ServiceUnavailableException.class);
        assertThat(host.findRelease("release-0.1.2")).map(Release::draft).contains(true);

        // replayed once GitHub is back
        assertThat(steps.get(2).execute(notesCtx).summary()).contains("published");
        assertThat(host.findRelease("release-0.1.2").orElseThrow().body()).isEqualTo("Hand-written notes.");
    }

    @Test
    void refusesAnUnknownRepositoryAndABadBumpBeforeAnythingRuns() {
        assertThatThrownBy(() -> process.steps(RunParameters.of(Map.of("repository", "nope"))))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("configured: [cfn]");
        assertThatThrownBy(() -> process.steps(RunParameters.of(Map.of("repository", "cfn", "bump", "HUGE"))))
                .hasMessageContaining("PATCH, MINOR or MAJOR");
        assertThatThrownBy(() -> process.steps(
                        RunParameters.of(Map.of("repository", "cfn", "categories", List.of("no equals sign")))))
                .hasMessageContaining("Title=label1,label2");
    }
}
