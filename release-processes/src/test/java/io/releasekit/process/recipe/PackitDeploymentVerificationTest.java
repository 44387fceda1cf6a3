package io.releasekit.process.recipe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.releasekit.git.testkit.GitCli.git;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.releasekit.core.deploy.DeploymentStatuses;
import io.releasekit.core.deploy.DeploymentWaiter;
import io.releasekit.core.host.CheckRun;
import io.releasekit.core.host.ChecksWaiter;
import io.releasekit.core.host.ReleaseHosts;
import io.releasekit.core.host.Sleeper;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.notify.Topic;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunRequest;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.StepRecord;
import io.releasekit.core.run.StepState;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.InMemoryReleaseHost;
import io.releasekit.core.testkit.RecordingNotifier;
import io.releasekit.core.version.TagScheme;
import io.releasekit.git.GitRepositorySettings;
import io.releasekit.git.JGitSourceRepository;
import io.releasekit.git.testkit.GitHttpServer;
import io.releasekit.git.testkit.RepoFixture;
import io.releasekit.notify.HttpDeploymentStatus;
import io.releasekit.process.git.MoveBranchProcess;
import io.releasekit.process.github.GitHubWaitChecksProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 004's deployment checks on the engine: staging checked before anything starts, production (a {@code
 * /api/system}-style endpoint in WireMock) waited for until it reports the commits the run pushed to {@code stable}
 * (real git server), the topics restored only then — or kept, with what failed posted, when production never does.
 */
class PackitDeploymentVerificationTest {

    @RegisterExtension
    static WireMockExtension status = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String OLD_TOPIC = "Packit Service | docs: https://packit.dev";
    static final String BANNER = "Production redeployment in progress";

    final ServiceGuards guards = ServiceGuards.withDefaults();
    final InMemoryReleaseHost service = new InMemoryReleaseHost();
    final RecordingNotifier slack =
            RecordingNotifier.withTopic("slack", "slack").topicIs(OLD_TOPIC);
    final RecordingNotifier matrix =
            RecordingNotifier.withTopic("matrix", "matrix").topicIs(OLD_TOPIC);
    final DeploymentWaiter waiter = new DeploymentWaiter(Clock.systemUTC());
    RunEngine engine;
    GitHttpServer gitServer;
    SourceRepositories repositories;
    RepoFixture origin;
    String deployed;
    String main;

    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() throws Exception {
        gitServer = GitHttpServer.start(Files.createDirectories(tmp.resolve("server")));
        origin = gitServer.createRepository("packit-service.git");
        deployed = origin.commit("main", "Deployed last week", "packit/__init__.py", "v1\n");
        origin.branch("stable", deployed);
        main = origin.commit("main", "Retrigger tests from a comment", "packit/__init__.py", "v2\n");
        repositories = SourceRepositories.of(
                Map.of(
                        "packit-service",
                        JGitSourceRepository.cloneOrOpen(
                                GitRepositorySettings.builder("packit-service", tmp.resolve("work"))
                                        .remote("origin", gitServer.url("packit-service.git"))
                                        .identity(RepoFixture.RELEASER)
                                        .build())),
                guards);
        service.ref("main", main).ref("stable", deployed);
        service.checks(List.of(new CheckRun(
                CheckRun.Kind.WORKFLOW, "Build and push images", 7, "completed", "success", "https://x/7")));
        ReleaseHosts hosts = ReleaseHosts.builder(guards)
                .add("packit-service", service, TagScheme.of(""))
                .build();
        DeploymentStatuses deployments = DeploymentStatuses.of(
                Map.of("staging", endpoint("staging", "/stg/api/system"), "prod", endpoint("prod", "/api/system")),
                guards);
        engine = RunEngine.builder()
                .guards(guards)
                .define(new PackitDeploymentProcess(
                        new Notifiers(List.of(slack, matrix), guards),
                        hosts,
                        new GitHubWaitChecksProcess(
                                hosts, new ChecksWaiter(Clock.systemUTC(), Sleeper.threadSleep()), 1),
                        new MoveBranchProcess(repositories),
                        null,
                        deployments,
                        waiter,
                        Clock.systemUTC()))
                .build();
    }

    static HttpDeploymentStatus endpoint(String name, String path) {
        return HttpDeploymentStatus.builder(name)
                .url(status.baseUrl() + path)
                .component("packit-service", "/packit_service/commit")
                .component("ogr", "/ogr/version")
                .build();
    }

    static String system(String commit) {
        return "{\"packit_service\":{\"commit\":\"" + commit + "\",\"version\":\"0.104.0\"},"
                + "\"ogr\":{\"commit\":null,\"version\":\"0.51.0\"}}";
    }

    @AfterEach
    void close() throws Exception {
        engine.close();
        repositories.close();
        gitServer.close();
        waiter.close();
    }

    Run deploy() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("topic", BANNER);
        p.put("topicChannels", List.of("slack", "matrix"));
        p.put("repositories", List.of("packit-service"));
        p.put("moveStable", List.of("packit-service"));
        p.put("intervalSeconds", 1);
        p.put("staging", "staging");
        p.put("production", "prod");
        p.put("verifyIntervalSeconds", 1);
        p.put("verifyTimeoutSeconds", 4);
        return engine.awaitEnd(
                engine.start(RunRequest.of(PackitDeploymentProcess.KIND, p, "ci"))
                        .id(),
                Duration.ofSeconds(60));
    }

    @Test
    void checksStagingFirstThenRestoresTheTopicsOnlyAfterProductionReportsThePushedCommit() {
        status.stubFor(get("/stg/api/system").willReturn(okJson(system(main))));
        status.stubFor(get("/api/system")
                .inScenario("rollout")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(system(deployed)))
                .willSetStateTo("restarting"));
        status.stubFor(get("/api/system")
                .inScenario("rollout")
                .whenScenarioStateIs("restarting")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("new"));
        status.stubFor(get("/api/system")
                .inScenario("rollout")
                .whenScenarioStateIs("new")
                .willReturn(okJson(system(main))));

        Run run = deploy();

        assertThat(run.state()).as(run.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.steps())
                .extracting(StepRecord::name)
                .containsSubsequence(
                        "check-staging",
                        "set-topic-slack",
                        "push-stable:packit-service",
                        "wait-images:packit-service",
                        "verify-production",
                        "blog-post",
                        "failure-notice-slack",
                        "restore-topic-slack");
        assertThat(run.step("check-staging").orElseThrow().outputs())
                .containsEntry("deployment.staging.packit-service", main);
        assertThat(run.step("verify-production").orElseThrow().outputs())
                .containsEntry("deployment.prod.packit-service", main)
                .containsEntry("deployment.prod.ogr", "0.51.0");
        status.verify(3, getRequestedFor(urlEqualTo("/api/system")));
        assertThat(run.step("failure-notice-slack").orElseThrow().state()).isEqualTo(StepState.SKIPPED);
        assertThat(slack.topicWrites()).extracting(Topic::text).containsExactly(BANNER, OLD_TOPIC);
        assertThat(slack.posted()).isEmpty();
    }

    @Test
    void aStagingThatDoesNotRunMainStopsTheRunBeforeAnyTopicOrPush() {
        status.stubFor(get("/stg/api/system").willReturn(okJson(system(deployed))));

        Run run = deploy();

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.reason())
                .contains("check-staging")
                .contains("packit-service: " + deployed + " (expected " + main + ")");
        assertThat(slack.topicWrites()).isEmpty();
        assertThat(matrix.topicWrites()).isEmpty();
        assertThat(git(origin.dir(), "rev-parse", "refs/heads/stable")).isEqualTo(deployed);
        status.verify(0, getRequestedFor(urlEqualTo("/api/system")));
    }

    @Test
    void aProductionThatNeverReportsThePushedCommitKeepsTheNoticeAndPostsWhatFailed() {
        status.stubFor(get("/stg/api/system").willReturn(okJson(system(main))));
        status.stubFor(get("/api/system").willReturn(okJson(system(deployed))));

        Run run = deploy();

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.reason())
                .contains("verify-production")
                .contains("within 4 s")
                .contains("packit-service: " + deployed + " (expected " + main + ")");
        assertThat(git(origin.dir(), "rev-parse", "refs/heads/stable")).isEqualTo(main);
        assertThat(run.step("blog-post").orElseThrow().state()).isEqualTo(StepState.PENDING);
        for (RecordingNotifier chat : List.of(slack, matrix)) {
            assertThat(chat.topicWrites()).extracting(Topic::text).containsExactly(BANNER);
            assertThat(chat.posted())
                    .extracting(Message::text)
                    .singleElement()
                    .asString()
                    .contains("notice stays up")
                    .contains("verify-production")
                    .contains("expected " + main);
        }
        assertThat(run.step("restore-topic-slack").orElseThrow().summary()).contains("keeping the notice");
    }

    @Test
    void aStagingThatAnswers503StopsTheRunBeforeAnyTopic() {
        status.stubFor(get("/stg/api/system").willReturn(aResponse().withStatus(503)));

        Run run = deploy();

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.reason()).contains("check-staging").contains("HTTP 503");
        assertThat(slack.topicWrites()).isEmpty();
        assertThat(git(origin.dir(), "rev-parse", "refs/heads/stable")).isEqualTo(deployed);
    }

    @Test
    void aDryRunReadsStagingButNeitherWaitsForProductionNorWrites() {
        status.stubFor(get("/stg/api/system").willReturn(okJson(system(main))));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("topic", BANNER);
        p.put("repositories", List.of("packit-service"));
        p.put("moveStable", List.of("packit-service"));
        p.put("staging", "staging");
        p.put("production", "prod");

        Run run = engine.awaitEnd(
                engine.start(RunRequest.of(PackitDeploymentProcess.KIND, p, "ci")
                                .withDryRun(true))
                        .id(),
                Duration.ofSeconds(30));

        assertThat(run.state()).as(run.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.step("verify-production").orElseThrow().summary()).contains("would wait up to 1800 s");
        status.verify(0, getRequestedFor(urlEqualTo("/api/system")));
        assertThat(slack.topicWrites()).isEmpty();
        assertThat(git(origin.dir(), "rev-parse", "refs/heads/stable")).isEqualTo(deployed);
    }
}
