package io.releasekit.process.recipe;

import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.releasekit.github.FakeGitHub.PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.releasekit.core.host.ReleaseHosts;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunRequest;
import io.releasekit.core.run.RunState;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.version.TagScheme;
import io.releasekit.git.GitRepositorySettings;
import io.releasekit.git.JGitSourceRepository;
import io.releasekit.git.testkit.GitCli;
import io.releasekit.git.testkit.GitHttpServer;
import io.releasekit.git.testkit.RepoFixture;
import io.releasekit.git.testkit.TrainHistory;
import io.releasekit.github.FakeGitHub;
import io.releasekit.github.TrainReleaseScenario;
import io.releasekit.notify.SlackNotifier;
import io.releasekit.notify.SlackScenario;
import io.releasekit.process.git.SyncBranchesProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 002 (a weekly release train) from plain Java: the real JGit repository cloned from a git server, the real
 * GitHub adapter against GitHub in WireMock ({@link TrainReleaseScenario}) and the real Slack adapter against Slack in
 * WireMock ({@link SlackScenario}) - the fixtures release-api's REST test of the seed uses. The merge commit on main is
 * released as v1.4.1 with notes, Slack is told, and development and security/hotfix are brought up to main. No
 * Micronaut on the class path.
 */
class Seed002WeeklyReleaseTrainTest {

    @TempDir
    Path tmp;

    @Test
    void releasesTheMergeCommitAnnouncesItOnSlackAndSyncsDevelopmentAndHotfix() throws Exception {
        WireMockServer slack = new WireMockServer(wireMockConfig().dynamicPort());
        slack.start();
        try (GitHttpServer git = GitHttpServer.start(tmp.resolve("server"));
                RepoFixture bare = git.createRepository("operators.git");
                FakeGitHub github = new FakeGitHub();
                ServiceGuards guards = ServiceGuards.withDefaults()) {
            TrainHistory history = TrainHistory.seed(bare);
            new TrainReleaseScenario(github, history.base(), history.feature(), history.merge()).beforeTheRelease();
            new SlackScenario(slack, SlackScenario.CHANNEL).up();
            GitRepositorySettings settings = GitRepositorySettings.builder("operators", tmp.resolve("work"))
                    .remote("origin", git.url("operators.git"))
                    .identity(RepoFixture.RELEASER)
                    .build();
            ReleaseHosts hosts = ReleaseHosts.builder(guards)
                    .add(
                            "operators",
                            github.connection().repository(FakeGitHub.OWNER, FakeGitHub.REPO),
                            TagScheme.of("v"))
                    .build();
            try (SourceRepositories repositories = SourceRepositories.of(
                            Map.of("operators", JGitSourceRepository.cloneOrOpen(settings)), guards);
                    Notifiers notifiers = new Notifiers(
                            List.of(SlackNotifier.builder("slack")
                                    .baseUrl(slack.baseUrl() + "/api")
                                    .token("xoxb-train-SeCrEt-0123456789")
                                    .channelId(SlackScenario.CHANNEL)
                                    .build()),
                            guards);
                    RunEngine engine = RunEngine.builder()
                            .guards(guards)
                            .define(new TrainReleaseProcess(hosts, new SyncBranchesProcess(repositories), notifiers))
                            .build()) {
                Run run = engine.start(RunRequest.of(
                        TrainReleaseProcess.KIND,
                        Map.of("repository", "operators", "target", history.merge(), "channels", List.of("slack")),
                        "ci"));
                Run done = engine.awaitEnd(run.id(), Duration.ofSeconds(60));

                assertThat(done.state()).as(String.valueOf(done)).isEqualTo(RunState.SUCCEEDED);
            }

            List<LoggedRequest> created = github.server().findAll(postRequestedFor(urlPathEqualTo(PATH + "/releases")));
            assertThat(created).singleElement().satisfies(r -> assertThat(r.getBodyAsString())
                    .contains("\"tag_name\":\"v1.4.1\"")
                    .contains("\"target_commitish\":\"" + history.merge() + "\""));
            assertThat(github.server()
                            .findAll(patchRequestedFor(
                                    urlPathEqualTo(PATH + "/releases/" + TrainReleaseScenario.DRAFT_ID)))
                            .get(0)
                            .getBodyAsString())
                    .contains("Operators scale to 10k jobs.");
            assertThat(slack.findAll(postRequestedFor(urlPathEqualTo(SlackScenario.POST))))
                    .singleElement()
                    .satisfies(r -> assertThat(r.getBodyAsString()).contains("Released v1.4.1 to production"));
            String main = GitCli.git(history.dir(), "rev-parse", "refs/heads/main");
            assertThat(GitCli.isAncestor(history.dir(), main, "refs/heads/development"))
                    .isTrue();
            assertThat(GitCli.isAncestor(history.dir(), main, "refs/heads/security/hotfix"))
                    .isTrue();
            assertThat(GitCli.isAncestor(history.dir(), history.hotfix(), "refs/heads/security/hotfix"))
                    .as("the hotfix branch keeps its own commit")
                    .isTrue();
        } finally {
            slack.stop();
        }
    }
}
