package io.releasekit.process.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.core.host.ChecksWaiter;
import io.releasekit.core.host.ReleaseHosts;
import io.releasekit.core.host.Sleeper;
import io.releasekit.core.image.ImageConfig;
import io.releasekit.core.image.ImageRegistries;
import io.releasekit.core.image.ImageRegistry;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunRequest;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.StepRecord;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.InMemoryReleaseHost;
import io.releasekit.core.testkit.RecordingNotifier;
import io.releasekit.core.version.TagScheme;
import io.releasekit.git.GitRepositorySettings;
import io.releasekit.git.JGitSourceRepository;
import io.releasekit.git.testkit.GitHttpServer;
import io.releasekit.git.testkit.RepoFixture;
import io.releasekit.process.git.MoveBranchProcess;
import io.releasekit.process.github.GitHubWaitChecksProcess;
import io.releasekit.registry.OciImageRegistry;
import io.releasekit.registry.testkit.RegistryContainer;
import io.releasekit.registry.testkit.TestImages;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code packit.deployment} waiting for the images on the registry (docker-registry in a container) instead of the
 * GitHub checks: the image of {@code stable} must be built from the commit the run pushed.
 */
class PackitImageWaitTest {

    @TempDir
    Path tmp;

    GitHttpServer gitServer;
    SourceRepositories repositories;
    RunEngine engine;

    @AfterEach
    void close() throws Exception {
        engine.close();
        repositories.close();
        gitServer.close();
    }

    @Test
    void waitsForTheImageBuiltFromTheCommitItPushedToStable() throws Exception {
        gitServer = GitHttpServer.start(java.nio.file.Files.createDirectories(tmp.resolve("server")));
        RepoFixture origin = gitServer.createRepository("packit-service.git");
        String deployed = origin.commit("main", "Deployed last week", "app.py", "v1\n");
        origin.branch("stable", deployed);
        String next = origin.commit("main", "New feature", "app.py", "v2\n");
        ServiceGuards guards = ServiceGuards.withDefaults();
        repositories = SourceRepositories.of(
                Map.of(
                        "packit-service",
                        JGitSourceRepository.cloneOrOpen(
                                GitRepositorySettings.builder("packit-service", tmp.resolve("w"))
                                        .remote("origin", gitServer.url("packit-service.git"))
                                        .identity(RepoFixture.RELEASER)
                                        .build())),
                guards);
        ImageRegistries registries = ImageRegistries.of(
                Map.of(
                        "quay",
                        OciImageRegistry.builder(
                                        "quay", RegistryContainer.shared().uri())
                                .build()),
                guards);
        ImageRegistry quay = registries.get("quay");
        String repo = "packit/service-" + UUID.randomUUID().toString().substring(0, 8);
        // CI built and pushed the image of the new stable commit
        TestImages.push(quay, repo, "stable", 1, 100, 61, Instant.now(), Map.of(ImageConfig.REVISION_LABEL, next));
        InMemoryReleaseHost service = new InMemoryReleaseHost();
        ReleaseHosts hosts = ReleaseHosts.builder(guards)
                .add("packit-service", service, TagScheme.of(""))
                .build();
        Clock clock = Clock.systemUTC();
        engine = RunEngine.builder()
                .guards(guards)
                .define(new PackitDeploymentProcess(
                        new Notifiers(
                                List.of(RecordingNotifier.withTopic("slack", "slack")
                                        .topicIs("old")),
                                guards),
                        hosts,
                        new GitHubWaitChecksProcess(hosts, new ChecksWaiter(clock, Sleeper.threadSleep())),
                        new MoveBranchProcess(repositories),
                        registries,
                        clock))
                .build();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("topic", "Production redeployment in progress");
        p.put("topicChannels", List.of("slack"));
        p.put("repositories", List.of("packit-service"));
        p.put("moveStable", List.of("packit-service"));
        p.put("githubChecks", false);
        p.put("images", List.of("packit-service=quay/" + repo + ":stable"));
        p.put("timeoutSeconds", 20);
        p.put("intervalSeconds", 1);

        Run run = engine.awaitEnd(
                engine.start(RunRequest.of(PackitDeploymentProcess.KIND, p, "ci"))
                        .id(),
                Duration.ofSeconds(60));

        assertThat(run.state()).as(run.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.steps())
                .extracting(StepRecord::name)
                .containsSubsequence("push-stable:packit-service", "wait-registry:packit-service", "blog-post")
                .doesNotContain("wait-images:packit-service");
        assertThat(run.step("wait-registry:packit-service").orElseThrow().summary())
                .contains("with label org.opencontainers.image.revision=" + next)
                .contains("found");
    }
}
