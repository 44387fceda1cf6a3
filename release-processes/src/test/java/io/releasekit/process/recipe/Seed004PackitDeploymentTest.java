package io.releasekit.process.recipe;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.releasekit.core.host.ChecksWaiter;
import io.releasekit.core.host.ReleaseHosts;
import io.releasekit.core.host.Sleeper;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunRequest;
import io.releasekit.core.run.RunState;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.version.TagScheme;
import io.releasekit.git.GitRepositorySettings;
import io.releasekit.git.JGitSourceRepository;
import io.releasekit.git.testkit.GitCli;
import io.releasekit.git.testkit.GitHttpServer;
import io.releasekit.git.testkit.RepoFixture;
import io.releasekit.github.FakeGitHub;
import io.releasekit.github.PackitGitHubScenario;
import io.releasekit.notify.MastodonNotifier;
import io.releasekit.notify.MatrixNotifier;
import io.releasekit.notify.PackitChatScenario;
import io.releasekit.notify.SlackNotifier;
import io.releasekit.process.git.MoveBranchProcess;
import io.releasekit.process.github.GitHubWaitChecksProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 004 (Packit's weekly production deployment) from plain Java, with the real adapters: JGit against a git server,
 * hub4j against GitHub in WireMock ({@link PackitGitHubScenario}), and the Slack, Matrix and Mastodon notifiers
 * against chat in WireMock ({@link PackitChatScenario}) - the fixtures release-api's REST test of the seed uses. The
 * banner goes up on Slack and Matrix, stable moves to main, the image build is waited for, the news is tooted and the
 * topics come back. No Micronaut on the class path.
 */
class Seed004PackitDeploymentTest {

    @TempDir
    Path tmp;

    @Test
    void setsTheTopicsMovesStableWaitsForTheImageTootsAndRestoresTheTopics() throws Exception {
        WireMockServer chat = new WireMockServer(wireMockConfig().dynamicPort());
        chat.start();
        try (GitHttpServer git = GitHttpServer.start(tmp.resolve("server"));
                RepoFixture origin = git.createRepository("packit-service.git");
                FakeGitHub github = new FakeGitHub();
                ServiceGuards guards = ServiceGuards.withDefaults()) {
            String deployed = origin.commit("main", "Deployed last Monday", "packit/__init__.py", "v1\n");
            origin.branch("stable", deployed);
            String main = origin.commit("main", "Merge pull request #2701", "packit/change1.py", "v1\n");
            PackitChatScenario chats = new PackitChatScenario(chat);
            chats.topics(false);
            chats.mastodonAnswers();
            PackitGitHubScenario packit = new PackitGitHubScenario(github);
            packit.repository("packit-service", main);
            packit.imageBuild("packit-service", main, "completed", "success");
            packit.pullRequestsWithReleaseNotes(
                    "packit-service",
                    List.<String[]>of(PackitGitHubScenario.pr(
                            2701,
                            "Retrigger tests for a single target with /packit test",
                            "Intro.\n\nYou can now retrigger `/packit test` for one target.")));

            GitRepositorySettings settings = GitRepositorySettings.builder("packit-service", tmp.resolve("work"))
                    .remote("origin", git.url("packit-service.git"))
                    .identity(RepoFixture.RELEASER)
                    .build();
            ReleaseHosts hosts = ReleaseHosts.builder(guards)
                    .add("packit-service", github.connection().repository("packit", "packit-service"), TagScheme.of(""))
                    .build();
            try (SourceRepositories repositories = SourceRepositories.of(
                            Map.<String, SourceRepository>of(
                                    "packit-service", JGitSourceRepository.cloneOrOpen(settings)),
                            guards);
                    Notifiers notifiers = new Notifiers(
                            List.of(
                                    SlackNotifier.builder("packit-slack")
                                            .baseUrl(chat.baseUrl() + "/slack/api")
                                            .token(PackitChatScenario.SLACK_TOKEN)
                                            .channelId("C0123456789")
                                            .build(),
                                    MatrixNotifier.builder("packit-matrix")
                                            .baseUrl(chat.baseUrl())
                                            .token(PackitChatScenario.MATRIX_TOKEN)
                                            .roomId("!packit:fedora.im")
                                            .build(),
                                    MastodonNotifier.builder("fosstodon")
                                            .baseUrl(chat.baseUrl())
                                            .token(PackitChatScenario.MASTODON_TOKEN)
                                            .build()),
                            guards);
                    RunEngine engine = RunEngine.builder()
                            .guards(guards)
                            .define(new PackitDeploymentProcess(
                                    notifiers,
                                    hosts,
                                    new GitHubWaitChecksProcess(
                                            hosts, new ChecksWaiter(Clock.systemUTC(), Sleeper.threadSleep()), 1),
                                    new MoveBranchProcess(repositories),
                                    Clock.systemUTC()))
                            .build()) {
                Run run = engine.start(RunRequest.of(
                        PackitDeploymentProcess.KIND,
                        Map.of(
                                "topic",
                                PackitChatScenario.BANNER,
                                "topicChannels",
                                List.of("packit-slack", "packit-matrix"),
                                "repositories",
                                List.of("packit-service"),
                                "moveStable",
                                List.of("packit-service"),
                                "required",
                                List.of(PackitGitHubScenario.WORKFLOW),
                                "intervalSeconds",
                                1,
                                "timeoutSeconds",
                                30,
                                "mastodonChannel",
                                "fosstodon"),
                        "ci"));
                Run done = engine.awaitEnd(run.id(), Duration.ofSeconds(90));

                assertThat(done.state()).as(String.valueOf(done)).isEqualTo(RunState.SUCCEEDED);
            }

            assertThat(GitCli.git(origin.gitDir(), "rev-parse", "refs/heads/stable"))
                    .isEqualTo(main);
            // the banner went up on both, then both topics came back
            assertThat(chat.findAll(postRequestedFor(urlPathEqualTo(PackitChatScenario.SET_TOPIC))))
                    .extracting(r -> r.getBodyAsString())
                    .hasSize(2)
                    .satisfies(b -> assertThat(b.get(0)).contains("Production redeployment in progress"))
                    .satisfies(b -> assertThat(b.get(1)).contains("docs: https://packit.dev"));
            assertThat(chat.findAll(putRequestedFor(urlEqualTo(PackitChatScenario.ROOM_TOPIC))))
                    .extracting(r -> r.getBodyAsString())
                    .hasSize(2)
                    .satisfies(b -> assertThat(b.get(1)).contains("Matrix bridge of #packit"));
            assertThat(chat.findAll(postRequestedFor(urlPathEqualTo(PackitChatScenario.STATUSES))))
                    .as("the top news of the blog post, tooted")
                    .anySatisfy(r -> assertThat(r.getBodyAsString()).contains("Retrigger tests for a single target"));
        } finally {
            chat.stop();
        }
    }
}
