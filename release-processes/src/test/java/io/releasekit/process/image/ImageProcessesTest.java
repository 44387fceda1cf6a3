package io.releasekit.process.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.chart.ChartRepositories;
import io.releasekit.core.host.Sleeper;
import io.releasekit.core.image.ImageConfig;
import io.releasekit.core.image.ImageRegistries;
import io.releasekit.core.image.ImageRegistry;
import io.releasekit.core.image.TagWaiter;
import io.releasekit.core.protect.ApprovalRequiredException;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.protect.Protection;
import io.releasekit.core.protect.ProtectionPolicy;
import io.releasekit.core.protect.ProtectionRule;
import io.releasekit.core.protect.TargetPattern;
import io.releasekit.core.protect.WriteOperation;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunRequest;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.StepRecord;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.git.testkit.GitCli;
import io.releasekit.git.testkit.RepoFixture;
import io.releasekit.process.chart.ChartBumpProcess;
import io.releasekit.process.chart.ChartCheckProcess;
import io.releasekit.registry.OciImageRegistry;
import io.releasekit.registry.testkit.RegistryContainer;
import io.releasekit.registry.testkit.TestImages;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image and chart run kinds on the run engine, against docker-registry in a container and a real git repository. */
class ImageProcessesTest {

    private static final String DOCKERFILE =
            """
            ARG GO=1.22.4
            FROM golang:${GO} AS build
            FROM debian:latest
            COPY --from=build /app /app
            FROM build AS test
            FROM quay.io/packit/base:master
            """;
    private static final String CHART = "apiVersion: v2\nname: sd-core\nversion: 2.1.3\nappVersion: 1.3.0\n";
    private static final String VALUES = "images:\n  tags:\n    smf: omecproject/5gc-smf:1.4.2\n";

    @TempDir
    Path tmp;

    RepoFixture fixture;
    SourceRepositories repositories;
    ServiceGuards guards;
    ImageRegistries registries;
    RunEngine engine;
    final List<PlannedWrite> written = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = RepoFixture.init(tmp.resolve("charts"));
        fixture.commit(
                "main",
                "Add",
                "Dockerfile",
                DOCKERFILE,
                "good/Dockerfile",
                "FROM debian:12.5.0\n",
                "charts/sd-core/Chart.yaml",
                CHART,
                "charts/sd-core/values.yaml",
                VALUES);
        fixture.checkout("main");
        guards = ServiceGuards.withDefaults();
        repositories = SourceRepositories.of(Map.of("charts", fixture.open()), guards);
        RegistryContainer c = RegistryContainer.shared();
        Protection protection = Protection.of(ProtectionPolicy.of(new ProtectionRule(
                        "protected-images",
                        new TargetPattern.ImageRepositories("local", "proc/protected-*"),
                        Set.of(WriteOperation.DELETE),
                        ApprovalPolicy.releaseManagers(2))))
                .withObserver((w, a) -> written.add(w));
        registries = ImageRegistries.of(
                Map.of("local", OciImageRegistry.builder("local", c.uri()).build()),
                guards,
                ImageRegistries.protectedBy(protection));
        engine = RunEngine.builder()
                .guards(guards)
                .protection(protection)
                .define(new ImageCheckProcess(repositories))
                .define(new ChartCheckProcess(repositories, ChartRepositories.of(Map.of(), guards), registries))
                .define(new ChartBumpProcess(repositories))
                .define(new ImagePromoteProcess(registries))
                .define(new ImageRetentionProcess(registries, Clock.systemUTC()))
                .define(new ImageWaitProcess(registries, new TagWaiter(Clock.systemUTC(), Sleeper.threadSleep())))
                .build();
    }

    @AfterEach
    void tearDown() throws Exception {
        engine.close();
        repositories.close();
        fixture.close();
    }

    private Run run(String kind, Map<String, Object> params, boolean dryRun) {
        return engine.awaitEnd(
                engine.start(RunRequest.of(kind, params, "ci").withDryRun(dryRun))
                        .id(),
                Duration.ofSeconds(60));
    }

    @Test
    void theImageCheckFailsTheRunListingEveryFinding() {
        Run bad = run(ImageCheckProcess.KIND, Map.of("repository", "charts"), false);
        Run good = run(
                ImageCheckProcess.KIND,
                Map.of("repository", "charts", "dockerfiles", List.of("good/Dockerfile")),
                false);

        assertThat(bad.state()).isEqualTo(RunState.FAILED);
        assertThat(bad.reason())
                .contains("failed 2 checks")
                .contains("Dockerfile:3: debian:latest: tag 'latest' is a moving target")
                .contains("Dockerfile:6: quay.io/packit/base:master: tag 'master' is a moving target");
        assertThat(good.state()).as(good.reason()).isEqualTo(RunState.SUCCEEDED);
    }

    @Test
    void theChartCheckPassesAPinnedChartAndTheBumpCommitsOnlyAfterItsDryRun() {
        Run check = run(ChartCheckProcess.KIND, Map.of("repository", "charts", "chart", "charts/sd-core"), false);
        assertThat(check.state()).as(check.reason()).isEqualTo(RunState.SUCCEEDED);
        String head = fixture.head("main");
        Map<String, Object> bump = Map.of(
                "repository", "charts", "chart", "charts/sd-core", "version", "2.1.4", "images", List.of("smf=1.4.3"));

        Run dry = run(ChartBumpProcess.KIND, bump, true);
        assertThat(dry.state()).as(dry.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(fixture.head("main")).isEqualTo(head);

        Run real = run(ChartBumpProcess.KIND, bump, false);
        Run again = run(ChartBumpProcess.KIND, bump, false);

        assertThat(real.state()).as(real.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(GitCli.show(fixture.dir(), "main", "charts/sd-core/values.yaml"))
                .contains("5gc-smf:1.4.3");
        assertThat(GitCli.show(fixture.dir(), "main", "charts/sd-core/Chart.yaml"))
                .contains("version: 2.1.4");
        assertThat(again.step("bump-chart").orElseThrow().state().name())
                .as(again.reason())
                .isEqualTo("SKIPPED");
    }

    @Test
    void withRequireImagesEveryPinnedImageMustExistInItsRegistry() {
        ImageRegistry r = registries.get("local");
        String repo = "proc/chart-" + UUID.randomUUID().toString().substring(0, 8);
        TestImages.push(r, repo, "1.0.0", 1, 10, 91, Instant.now(), Map.of());
        fixture.commit(
                "main",
                "Add app chart",
                "charts/app/Chart.yaml",
                "apiVersion: v2\nname: app\nversion: 1.0.0\n",
                "charts/app/values.yaml",
                "api:\n  image: " + r.host() + "/" + repo + ":1.0.0\n"
                        + "worker:\n  image: " + r.host() + "/" + repo + ":1.0.1\n"
                        + "sidecar:\n  image: omecproject/pod-init:1.1.2\n");
        fixture.checkout("main");

        Run run = run(
                ChartCheckProcess.KIND,
                Map.of("repository", "charts", "chart", "charts/app", "requireImages", true),
                false);

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.reason())
                .contains("failed 2 checks")
                .contains("worker.image = '" + r.host() + "/" + repo + ":1.0.1': no image " + repo + ":1.0.1")
                .contains("sidecar.image = 'omecproject/pod-init:1.1.2': registry docker.io is not configured")
                .doesNotContain("api.image");
    }

    @Test
    void promotionDryRunWritesNothingAndTheRealRunMountsEveryBlob() {
        ImageRegistry r = registries.get("local");
        String from = "proc/" + UUID.randomUUID().toString().substring(0, 8);
        String to = from + "-prod";
        TestImages.Pushed p = TestImages.push(r, from, "build-5", 2, 1000, 31, Instant.now(), Map.of());
        Map<String, Object> params = Map.of(
                "registry",
                "local",
                "repository",
                from,
                "reference",
                "build-5",
                "targetRepository",
                to,
                "tags",
                List.of("1.0.0"));
        written.clear(); // the push above

        Run dry = run(ImagePromoteProcess.KIND, params, true);
        assertThat(dry.state()).as(dry.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(r.resolve(to, "1.0.0")).isEmpty();

        Run real = run(ImagePromoteProcess.KIND, params, false);

        assertThat(real.state()).as(real.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(r.resolve(to, "1.0.0")).contains(p.digest());
        assertThat(real.step("copy").map(StepRecord::summary).orElseThrow())
                .contains("3 blob(s) mounted, 0 streamed (0 bytes)");
        assertThat(real.step("copy").orElseThrow().plannedWrites())
                .extracting(PlannedWrite::toString)
                .containsExactlyInAnyOrder(
                        "write registry local: " + to + "@" + p.digest(), "write registry local: " + to + ":1.0.0");
        assertThat(written)
                .extracting(PlannedWrite::toString)
                .containsExactlyInAnyOrder(
                        "write registry local: " + to + "@" + p.digest(), "write registry local: " + to + ":1.0.0");
    }

    @Test
    void retentionDryRunPlansAndTheRealRunDeletesThePlan() {
        ImageRegistry r = registries.get("local");
        String repo = "proc/ret-" + UUID.randomUUID().toString().substring(0, 8);
        Instant old = Instant.now().minus(Duration.ofDays(100));
        TestImages.Pushed keep = TestImages.push(r, repo, "stable", 1, 10, 41, old, Map.of());
        TestImages.Pushed gone = TestImages.push(r, repo, "pr-1", 1, 10, 42, old, Map.of());
        Map<String, Object> params = Map.of("registry", "local", "repository", repo, "keepNewest", 0);

        Run dry = run(ImageRetentionProcess.KIND, params, true);
        assertThat(dry.state()).as(dry.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(r.listTags(repo)).containsExactlyInAnyOrder("stable", "pr-1");

        Run real = run(ImageRetentionProcess.KIND, params, false);

        assertThat(real.state()).as(real.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(r.listTags(repo)).containsExactly("stable");
        assertThat(r.resolve(repo, "stable")).contains(keep.digest());
        assertThat(real.step("delete").map(StepRecord::summary).orElseThrow()).contains("deleted 1");
        assertThat(gone.digest()).isNotEqualTo(keep.digest());
    }

    @Test
    void retentionOnAProtectedRepositoryWaitsForApprovalsAndThenDeletesExactlyItsPlan() {
        ImageRegistry r = registries.get("local");
        String repo = "proc/protected-" + UUID.randomUUID().toString().substring(0, 8);
        Instant old = Instant.now().minus(Duration.ofDays(100));
        TestImages.Pushed keep = TestImages.push(r, repo, "stable", 1, 10, 61, old, Map.of());
        TestImages.Pushed pr1 = TestImages.push(r, repo, "pr-1", 1, 10, 62, old, Map.of());
        TestImages.Pushed pr2 = TestImages.push(r, repo, "pr-2", 1, 10, 63, old, Map.of());
        Set<String> rm = Set.of(ApprovalPolicy.RELEASE_MANAGER);
        written.clear(); // the pushes above

        assertThatThrownBy(() -> r.deleteManifest(repo, pr1.digest())) // a direct delete, outside any run
                .isInstanceOf(ApprovalRequiredException.class)
                .hasMessageContaining("'protected-images'");

        Run started = engine.start(RunRequest.of(
                ImageRetentionProcess.KIND, Map.of("registry", "local", "repository", repo, "keepNewest", 0), "ci"));

        assertThat(started.state()).isEqualTo(RunState.AWAITING_APPROVAL);
        assertThat(started.approvalPolicy()).isEqualTo(ApprovalPolicy.releaseManagers(2));
        List<PlannedWrite> plan = started.step("delete").orElseThrow().plannedWrites();
        assertThat(plan)
                .extracting(PlannedWrite::toString)
                .containsExactlyInAnyOrder(
                        "delete registry local: " + repo + "@" + pr1.digest(),
                        "delete registry local: " + repo + "@" + pr2.digest());
        assertThat(started.step("delete").orElseThrow().planned()).hasSize(2); // the text plan stays

        engine.approve(started.id(), "alice", rm, null);
        assertThat(engine.run(started.id()).state()).isEqualTo(RunState.AWAITING_APPROVAL);
        assertThat(r.listTags(repo)).containsExactlyInAnyOrder("stable", "pr-1", "pr-2");
        assertThat(written).isEmpty();

        engine.approve(started.id(), "bob", rm, null);
        Run done = engine.awaitEnd(started.id(), Duration.ofSeconds(60));

        assertThat(done.state()).as(done.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(r.listTags(repo)).containsExactly("stable");
        assertThat(r.resolve(repo, "stable")).contains(keep.digest());
        assertThat(written)
                .extracting(PlannedWrite::bare)
                .containsExactlyInAnyOrderElementsOf(
                        plan.stream().map(PlannedWrite::bare).toList());
    }

    @Test
    void theWaitFindsTheImageBuiltFromTheCommitAndFailsAtItsLimitOtherwise() {
        ImageRegistry r = registries.get("local");
        String repo = "proc/wait-" + UUID.randomUUID().toString().substring(0, 8);
        TestImages.push(r, repo, "stable", 1, 10, 51, Instant.now(), Map.of(ImageConfig.REVISION_LABEL, "c0ffee"));

        Run found = run(
                ImageWaitProcess.KIND,
                Map.of(
                        "registry",
                        "local",
                        "repository",
                        repo,
                        "tag",
                        "stable",
                        "revision",
                        "c0ffee",
                        "timeoutSeconds",
                        5,
                        "intervalSeconds",
                        1),
                false);
        Run late = run(
                ImageWaitProcess.KIND,
                Map.of(
                        "registry",
                        "local",
                        "repository",
                        repo,
                        "tag",
                        "stable",
                        "revision",
                        "deadbeef",
                        "timeoutSeconds",
                        1,
                        "intervalSeconds",
                        1),
                false);

        assertThat(found.state()).as(found.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(late.state()).isEqualTo(RunState.FAILED);
        assertThat(late.reason()).contains("label org.opencontainers.image.revision is 'c0ffee', not 'deadbeef'");
    }
}
