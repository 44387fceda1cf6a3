package io.releasekit.process.protect;

import static io.releasekit.git.testkit.GitCli.git;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.artifact.FileSystemArtifactStore;
import io.releasekit.core.artifact.ObjectInfo;
import io.releasekit.core.artifact.promotion.GateResult;
import io.releasekit.core.artifact.promotion.GateStatus;
import io.releasekit.core.artifact.promotion.InMemoryGateLedger;
import io.releasekit.core.artifact.promotion.PromotionPipeline;
import io.releasekit.core.artifact.promotion.Stage;
import io.releasekit.core.chart.ChartRepositories;
import io.releasekit.core.deploy.DeploymentStatus;
import io.releasekit.core.deploy.DeploymentStatuses;
import io.releasekit.core.deploy.DeploymentWaiter;
import io.releasekit.core.host.CheckRun;
import io.releasekit.core.host.ChecksWaiter;
import io.releasekit.core.host.ReleaseHosts;
import io.releasekit.core.host.Sleeper;
import io.releasekit.core.image.ImageRegistries;
import io.releasekit.core.image.ImageRegistry;
import io.releasekit.core.image.TagWaiter;
import io.releasekit.core.notify.Notifier;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.protect.Protection;
import io.releasekit.core.protect.ProtectionPolicy;
import io.releasekit.core.protect.WriteAuthority;
import io.releasekit.core.run.ProcessDefinition;
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
import io.releasekit.process.artifact.EmergencyPublishProcess;
import io.releasekit.process.artifact.EmergencyPublishSettings;
import io.releasekit.process.artifact.PromoteProcess;
import io.releasekit.process.artifact.PublishProcess;
import io.releasekit.process.artifact.PublishSettings;
import io.releasekit.process.chart.ChartBumpProcess;
import io.releasekit.process.chart.ChartCheckProcess;
import io.releasekit.process.deploy.DeploymentVerifyProcess;
import io.releasekit.process.git.GitProcesses;
import io.releasekit.process.git.MoveBranchProcess;
import io.releasekit.process.git.SyncBranchesProcess;
import io.releasekit.process.github.GitHubReleaseProcess;
import io.releasekit.process.github.GitHubReleaseToStageProcess;
import io.releasekit.process.github.GitHubWaitChecksProcess;
import io.releasekit.process.image.ImageCheckProcess;
import io.releasekit.process.image.ImagePromoteProcess;
import io.releasekit.process.image.ImageRetentionProcess;
import io.releasekit.process.image.ImageWaitProcess;
import io.releasekit.process.notify.AnnounceProcess;
import io.releasekit.process.notify.DeploymentProcess;
import io.releasekit.process.recipe.AetherCutBranchProcess;
import io.releasekit.process.recipe.AetherPatchReleaseProcess;
import io.releasekit.process.recipe.PackitDeploymentProcess;
import io.releasekit.process.recipe.RegistryReleaseProcess;
import io.releasekit.process.recipe.RegistryStageProcess;
import io.releasekit.process.recipe.TrainReleaseProcess;
import io.releasekit.registry.OciImageRegistry;
import io.releasekit.registry.testkit.RegistryContainer;
import io.releasekit.registry.testkit.TestImages;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dry run = real run: every run kind runs as a dry run and then for real, on the same fixtures (a git server with a
 * bare repository and a clone, file-system stores, docker-registry in a container, a GitHub repository and chat
 * channels in memory), all ports wrapped by {@link Protection}: stores, repositories, image registries, release hosts
 * (GitHub releases) and chat channels. The real run's writes, as the ports saw them (not as the steps reported them),
 * must all be named by the dry run's plan, and since nothing changed in between, every planned write must happen.
 * {@link #everyRunKindHasAScenario()} fails when a kind is added without a scenario here.
 */
class DryRunMatchesRealRunTest {

    private static final Set<String> RM = Set.of(ApprovalPolicy.RELEASE_MANAGER);
    /** Kinds that only read and check: their plan is empty, and so are their real writes. */
    private static final Set<String> READ_ONLY =
            Set.of("github.wait-checks", "image.wait", "image.check", "chart.check", "deployment.verify");

    private static final String SHA = "4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b";

    @TempDir
    Path tmp;

    @RegisterExtension
    static WireMockExtension status = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    private final List<PlannedWrite> observed = new CopyOnWriteArrayList<>();
    private final ServiceGuards guards = ServiceGuards.withDefaults();
    private final List<AutoCloseable> open = new ArrayList<>();
    private GitHttpServer server;
    private ImageRegistry unprotectedImages;
    private RepoFixture remote;

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** A writing kind that finds nothing to write: the dry run plans nothing, the real run writes nothing. */
    static final String RERUN_PUBLISH = "artifacts.publish (a rerun onto a complete destination: nothing to write)";

    /** A scenario: the fixtures it prepares, and the kind and parameters it runs. */
    record Scenario(String name, String kind, Function<DryRunMatchesRealRunTest, Map<String, Object>> setUp) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario("git.tag", "git.tag", t -> {
                    t.component();
                    return Map.of("repository", "component", "tag", "v2.2.0", "target", "main", "message", "r");
                }),
                new Scenario("git.lazy-branch", "git.lazy-branch", t -> {
                    t.component();
                    return Map.of("repository", "component", "branch", "aether-2.1", "version", "2.1.0");
                }),
                new Scenario("git.cherry-pick", "git.cherry-pick", t -> {
                    Map<String, String> c = t.component();
                    t.remote.branch("aether-2.0", c.get("start"));
                    t.reclone();
                    return Map.of("repository", "component", "branch", "aether-2.0", "commits", List.of(c.get("fix")));
                }),
                new Scenario("git.move-branch (force, diverged stable)", "git.move-branch", t -> {
                    Map<String, String> c = t.component();
                    t.remote.branch("stable", c.get("release"));
                    t.remote.commit("stable", "hotfix on stable", "hot.txt", "h\n");
                    t.reclone();
                    return Map.of("repository", "component", "branch", "stable", "to", "main", "force", true);
                }),
                new Scenario("git.sync-branches", "git.sync-branches", t -> {
                    Map<String, String> c = t.component();
                    t.remote.branch("development", c.get("release"));
                    t.remote.branch("hotfix", c.get("release"));
                    t.remote.commit("hotfix", "hotfix work", "hot.txt", "h\n");
                    t.reclone();
                    return Map.of(
                            "repository", "component", "source", "main", "targets", List.of("development", "hotfix"));
                }),
                new Scenario("aether.cut-branch", "aether.cut-branch", t -> {
                    t.component("2.1.0");
                    return Map.of("repository", "component", "line", "2.1");
                }),
                new Scenario(
                        "aether.cut-branch (remote has the release branch, the clone does not)",
                        "aether.cut-branch",
                        t -> {
                            Map<String, String> c = t.component("2.1.0");
                            t.remote.branch("aether-2.1", c.get("release"));
                            t.remote.commit("aether-2.1", "Notes for the line", "NOTES", "2.1\n");
                            return Map.of("repository", "component", "line", "2.1");
                        }),
                new Scenario("aether.patch-release (new release branch)", "aether.patch-release", t -> {
                    Map<String, String> c = t.component();
                    return Map.of("repository", "component", "line", "2.1", "commits", List.of(c.get("fix")));
                }),
                new Scenario("aether.patch-release (release branch exists, issue 18)", "aether.patch-release", t -> {
                    Map<String, String> c = t.component();
                    t.remote.branch("aether-2.1", c.get("release"));
                    t.reclone();
                    return Map.of("repository", "component", "line", "2.1", "commits", List.of(c.get("fix")));
                }),
                new Scenario("artifacts.publish", "artifacts.publish", t -> {
                    t.ciArtifacts();
                    return Map.of(
                            "sourceStore", "artifacts",
                            "sourcePrefix", SHA + "/",
                            "destinationStore", "releases",
                            "destinationPrefix", "dist/1.0/");
                }),
                new Scenario(
                        "artifacts.publish (a rerun onto a complete destination: nothing to write)",
                        "artifacts.publish",
                        t -> {
                            t.ciArtifacts();
                            t.publishedBefore(SHA + "/", "dist/1.0/");
                            return Map.of(
                                    "sourceStore", "artifacts",
                                    "sourcePrefix", SHA + "/",
                                    "destinationStore", "releases",
                                    "destinationPrefix", "dist/1.0/");
                        }),
                new Scenario("artifacts.promote", "artifacts.promote", t -> {
                    t.ciArtifacts();
                    return Map.of("pipeline", "cfn", "build", SHA, "from", "alpha", "to", "beta");
                }),
                new Scenario(
                        "emergency-publish (artifacts, manifest, then the release index)", "emergency-publish", t -> {
                            t.ciArtifacts();
                            return Map.of("commit", SHA);
                        }),
                new Scenario("emergency-publish (a branch resolved in the repository)", "emergency-publish", t -> {
                    Map<String, String> c = t.component();
                    t.ciArtifacts(c.get("fix"));
                    return Map.of("commit", "main");
                }),
                new Scenario("registry.release (asset keys known only once released)", "registry.release", t -> {
                    t.cfnRepository(false);
                    return Map.of("repository", "cfn", "store", "beta", "stagePrefix", "awscommunity/{tag}/");
                }),
                new Scenario("registry.stage", "registry.stage", t -> {
                    t.cfnRepository(true);
                    return Map.of(
                            "repository",
                            "cfn",
                            "tag",
                            "release-0.1.2",
                            "store",
                            "beta",
                            "stagePrefix",
                            "awscommunity/{tag}/");
                }),
                new Scenario("github.release-to-stage", "github.release-to-stage", t -> {
                    t.cfnRepository(true);
                    return Map.of(
                            "repository", "cfn", "tag", "release-0.1.2", "store", "beta", "prefix", "awscommunity/");
                }),
                new Scenario("github.release (writes only to GitHub: no store or git write)", "github.release", t -> {
                    t.cfnRepository(false);
                    return Map.of("repository", "cfn");
                }),
                new Scenario(
                        "train.release (GitHub release, then development and hotfix synced)", "train.release", t -> {
                            t.trainAndDeployment();
                            return Map.of(
                                    "repository",
                                    "component",
                                    "channels",
                                    List.of("slack"),
                                    "syncTargets",
                                    List.of("development", "security/hotfix"));
                        }),
                new Scenario("packit.deployment (moves stable, waits, posts)", "packit.deployment", t -> {
                    t.trainAndDeployment();
                    return Map.of(
                            "topic",
                            "Production redeployment in progress",
                            "topicChannels",
                            List.of("slack", "matrix"),
                            "repositories",
                            List.of("component"),
                            "moveStable",
                            List.of("component"),
                            "intervalSeconds",
                            5,
                            "timeoutSeconds",
                            60);
                }),
                new Scenario(
                        "packit.deployment (staging checked, stable moved, production waited for)",
                        "packit.deployment",
                        t -> {
                            t.trainAndDeployment();
                            t.statusReports(t.remote.head("main"));
                            Map<String, Object> p = new LinkedHashMap<>();
                            p.put("topic", "Production redeployment in progress");
                            p.put("topicChannels", List.of("slack", "matrix"));
                            p.put("repositories", List.of("component"));
                            p.put("moveStable", List.of("component"));
                            p.put("intervalSeconds", 5);
                            p.put("timeoutSeconds", 60);
                            p.put("staging", "staging");
                            p.put("production", "prod");
                            p.put("verifyIntervalSeconds", 1);
                            p.put("verifyTimeoutSeconds", 30);
                            return p;
                        }),
                new Scenario("packit.deployment (blog post opened as a pull request)", "packit.deployment", t -> {
                    t.trainAndDeployment();
                    return BLOG_DEPLOYMENT;
                }),
                new Scenario("deployment.verify (reads only)", "deployment.verify", t -> {
                    t.trainAndDeployment();
                    t.statusReports(t.remote.head("main"));
                    return Map.of("deployment", "prod", "expect", List.of("component=" + t.remote.head("main")));
                }),
                new Scenario("github.wait-checks (reads only)", "github.wait-checks", t -> {
                    t.trainAndDeployment();
                    return Map.of("repository", "component", "ref", "main");
                }),
                new Scenario("notify.announce (chat only)", "notify.announce", t -> {
                    t.trainAndDeployment();
                    return Map.of("channels", List.of("slack"), "text", "Released");
                }),
                new Scenario("deployment (chat topics only)", "deployment", t -> {
                    t.trainAndDeployment();
                    return Map.of("topic", "Deploying", "topicChannels", List.of("slack", "matrix"));
                }),
                new Scenario("image.wait (reads only)", "image.wait", t -> {
                    String repo = t.images();
                    TestImages.push(t.unprotectedImages, repo, "stable", 1, 10, 85, Instant.now(), Map.of());
                    return Map.of("registry", "local", "repository", repo, "tag", "stable", "timeoutSeconds", 30);
                }),
                new Scenario("image.check (reads only)", "image.check", t -> {
                    t.component();
                    return Map.of("repository", "component");
                }),
                new Scenario("chart.check (reads only)", "chart.check", t -> {
                    t.component();
                    return Map.of("repository", "component", "chart", "charts/sd-core");
                }),
                new Scenario("chart.bump (a commit on main)", "chart.bump", t -> {
                    t.component();
                    return Map.of(
                            "repository",
                            "component",
                            "chart",
                            "charts/sd-core",
                            "version",
                            "2.1.4",
                            "images",
                            List.of("smf=1.4.3"));
                }),
                new Scenario("image.promote (docker-registry: manifest by digest, then tags)", "image.promote", t -> {
                    String repo = t.images();
                    TestImages.push(t.unprotectedImages, repo, "build-7", 2, 100, 81, Instant.now(), Map.of());
                    return Map.of(
                            "registry",
                            "local",
                            "repository",
                            repo,
                            "reference",
                            "build-7",
                            "targetRepository",
                            repo + "-prod",
                            "tags",
                            List.of("1.0.0", "stable"));
                }),
                new Scenario("image.retention (docker-registry: manifests by digest)", "image.retention", t -> {
                    String repo = t.images();
                    Instant old = Instant.now().minus(Duration.ofDays(90));
                    TestImages.push(t.unprotectedImages, repo, "stable", 1, 10, 82, old, Map.of());
                    TestImages.push(t.unprotectedImages, repo, "pr-1", 1, 10, 83, old, Map.of());
                    TestImages.push(t.unprotectedImages, repo, "pr-2", 1, 10, 84, old, Map.of());
                    return Map.of("registry", "local", "repository", repo, "keepNewest", 0);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theRealRunWritesExactlyWhatTheDryRunPlanned(Scenario scenario) throws Exception {
        Map<String, Object> params = scenario.setUp().apply(this);
        RunEngine engine = engine();

        Run dry = engine.awaitEnd(
                engine.start(RunRequest.of(scenario.kind(), params, "ci").withDryRun(true))
                        .id(),
                Duration.ofSeconds(60));
        assertThat(dry.state()).as(dry.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(observed).as("a dry run writes nothing").isEmpty();
        List<PlannedWrite> planned = writes(dry);

        Run real = engine.start(RunRequest.of(scenario.kind(), params, "ci"));
        assertThat(writes(real)).as("the plan a real run is approved for").isEqualTo(planned);
        for (String rm : List.of("rm1", "rm2")) {
            if (engine.run(real.id()).state() == RunState.AWAITING_APPROVAL) {
                engine.approve(real.id(), rm, RM, null);
            }
        }
        real = engine.awaitEnd(real.id(), Duration.ofSeconds(60));
        assertThat(real.state()).as(real.reason()).isEqualTo(RunState.SUCCEEDED);

        List<PlannedWrite> written =
                observed.stream().map(PlannedWrite::bare).distinct().toList();
        if (READ_ONLY.contains(scenario.kind()) || scenario.name().equals(RERUN_PUBLISH)) {
            assertThat(written).isEmpty();
            assertThat(planned).isEmpty();
        } else {
            assertThat(written)
                    .as("real writes (observed at the ports) of %s", real.steps())
                    .isNotEmpty();
        }
        assertThat(written)
                .as("every real write was planned; planned: %s", planned)
                .allMatch(w -> planned.stream().anyMatch(p -> WriteAuthority.covers(p, w)));
        List<PlannedWrite> contingent = contingencies(real);
        assertThat(planned)
                .as("every planned write happened (but the contingencies %s); written: %s", contingent, written)
                .filteredOn(p -> !contingent.contains(p))
                .allMatch(p -> written.stream().anyMatch(w -> WriteAuthority.covers(p, w)));
    }

    /**
     * The planned writes of failure-notice steps the real run skipped: a step that runs always and posts only when an
     * earlier step failed plans its post as a contingency (so the run is approved for it), and a run in which nothing
     * failed never makes it. Every other planned write must happen.
     */
    private static List<PlannedWrite> contingencies(Run run) {
        Set<PlannedWrite> out = new LinkedHashSet<>();
        for (StepRecord r : run.steps()) {
            if (r.name().startsWith("failure-notice-") && r.state() == StepState.SKIPPED) {
                r.plannedWrites().forEach(w -> out.add(w.bare()));
            }
        }
        return List.copyOf(out);
    }

    @Test
    void everyRunKindHasAScenario() throws Exception {
        Set<String> covered = new java.util.TreeSet<>();
        scenarios().forEach(s -> covered.add(s.kind()));

        Set<String> kinds = RunKinds.defined();

        assertThat(kinds).as("the kinds release-processes defines").hasSizeGreaterThanOrEqualTo(25);
        assertThat(covered)
                .as("every kind runs dry and real here; add a scenario for the missing ones")
                .containsAll(kinds);
    }

    @Test
    void gitHubReleasesAndChatWritesArePlannedAsTargetsWithOperations() throws Exception {
        trainAndDeployment();
        RunEngine engine = engine();

        Run train = engine.awaitEnd(
                engine.start(RunRequest.of(
                                        "train.release",
                                        Map.of(
                                                "repository",
                                                "component",
                                                "channels",
                                                List.of("slack"),
                                                "syncTargets",
                                                List.of("development")),
                                        "ci")
                                .withDryRun(true))
                        .id(),
                Duration.ofSeconds(60));
        Run deployment = engine.awaitEnd(
                engine.start(RunRequest.of(
                                        "deployment",
                                        Map.of("topic", "Deploying", "topicChannels", List.of("matrix")),
                                        "ci")
                                .withDryRun(true))
                        .id(),
                Duration.ofSeconds(60));

        assertThat(train.state()).as(train.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(writes(train))
                .extracting(PlannedWrite::toString)
                .contains(
                        "create release component@v1.4.1",
                        "write release component@v1.4.1",
                        "publish release component@v1.4.1",
                        "post channel slack");
        assertThat(writes(deployment)).extracting(PlannedWrite::toString).containsExactly("set-topic channel matrix");
        assertThat(observed).isEmpty();
    }

    @Test
    void theBlogPullRequestIsPlannedAsThePullRequestOfItsBranchAndOpenedOnce() throws Exception {
        trainAndDeployment();
        RunEngine engine = engine();
        Map<String, Object> params = BLOG_DEPLOYMENT;

        Run dry = engine.awaitEnd(
                engine.start(RunRequest.of("packit.deployment", params, "ci").withDryRun(true))
                        .id(),
                Duration.ofSeconds(60));
        Run first = engine.awaitEnd(
                engine.start(RunRequest.of("packit.deployment", params, "ci")).id(), Duration.ofSeconds(60));
        Run second = engine.awaitEnd(
                engine.start(RunRequest.of("packit.deployment", params, "ci")).id(), Duration.ofSeconds(60));

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String slug = "packit-in-"
                + today.getMonth()
                        .getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                        .toLowerCase(Locale.ROOT) + "-" + today.getYear();
        assertThat(writes(dry))
                .extracting(PlannedWrite::toString)
                .filteredOn(w -> w.contains("pull-request"))
                .containsExactly("create pull-request blog@blog/" + slug);
        assertThat(first.state()).as(first.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(second.state()).as(second.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(blog.openedPullRequests()).containsOnlyKeys("blog/" + slug);
        String url = blog.openedPullRequests().get("blog/" + slug).url();
        assertThat(first.step("blog-pull-request").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(second.step("blog-pull-request").orElseThrow().state()).isEqualTo(StepState.SKIPPED);
        assertThat(second.step("blog-pull-request").orElseThrow().outputs()).containsEntry("blogPullRequest", url);
        assertThat(blog.file(
                        "blog/" + slug,
                        "content/posts/" + today.getYear() + "-" + String.format("%02d", today.getMonthValue()) + "-"
                                + slug + ".md"))
                .hasValueSatisfying(md -> assertThat(md).contains("title: \"Packit in "));
    }

    @Test
    void theEmergencyPublishPlanEndsWithTheReleaseIndex() throws Exception {
        ciArtifacts();
        RunEngine engine = engine();

        Run real = engine.start(RunRequest.of("emergency-publish", Map.of("commit", SHA), "ci"));

        assertThat(real.step("update-index").orElseThrow().plannedWrites())
                .extracting(PlannedWrite::toString)
                .containsExactly("write store releases: index.json");
        assertThat(real.step("update-index").orElseThrow().planned())
                .singleElement()
                .asString()
                .startsWith("add commit " + SHA + " to the release index index.json");
    }

    @Test
    void theCutBranchDryRunDoesNotPlanCreatingOrRewindingABranchTheRemoteAlreadyHas() throws Exception {
        Map<String, String> c = component("2.1.0");
        remote.branch("aether-2.1", c.get("release"));
        String notes = remote.commit("aether-2.1", "Notes for the line", "NOTES", "2.1\n");
        RunEngine engine = engine();

        Run dry = engine.awaitEnd(
                engine.start(RunRequest.of("aether.cut-branch", Map.of("repository", "component", "line", "2.1"), "ci")
                                .withDryRun(true))
                        .id(),
                Duration.ofSeconds(60));

        assertThat(dry.state()).as(dry.reason()).isEqualTo(RunState.SUCCEEDED);
        List<String> texts =
                dry.steps().stream().flatMap(s -> s.planned().stream()).toList();
        assertThat(texts).noneMatch(t -> t.contains("create branch")).noneMatch(t -> t.contains("aether-2.1 to"));
        assertThat(dry.step("branch:create-lazy-branch").orElseThrow().summary())
                .contains("already exists");
        assertThat(writes(dry))
                .extracting(PlannedWrite::toString)
                .containsExactlyInAnyOrder(
                        "commit repository component: branch main", "push repository component: branch main");
        assertThat(git(remote.gitDir(), "rev-parse", "refs/heads/aether-2.1")).isEqualTo(notes);
    }

    @Test
    void thePatchReleaseDryRunPlansTheTagOnThePickAndTheBumpToTheNextDevVersion() throws Exception {
        Map<String, String> c = component();
        remote.branch("aether-2.1", c.get("release"));
        reclone();
        RunEngine engine = engine();
        Map<String, Object> params = Map.of("repository", "component", "line", "2.1", "commits", List.of(c.get("fix")));

        Run dry = engine.awaitEnd(
                engine.start(RunRequest.of("aether.patch-release", params, "ci").withDryRun(true))
                        .id(),
                Duration.ofSeconds(60));

        assertThat(dry.state()).as(dry.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(dry.step("tag-release").orElseThrow().planned())
                .containsExactly("create tag 2.1.1 at the head of aether-2.1 after the pick");
        assertThat(dry.step("bump-dev").orElseThrow().planned())
                .containsExactly("set VERSION on aether-2.1 to 2.1.2-dev");
        assertThat(dry.step("bump-dev").orElseThrow().state().name()).isEqualTo("SUCCEEDED");
        assertThat(writes(dry))
                .extracting(PlannedWrite::toString)
                .containsExactlyInAnyOrder(
                        "commit repository component: branch aether-2.1",
                        "create repository component: tag 2.1.1",
                        "push repository component: branch aether-2.1",
                        "push repository component: tag 2.1.1");
    }

    // ---- fixtures

    private Map<String, String> component() {
        return component("2.2.0-dev");
    }

    /** A component repository (seed 003) on a git server, and a clone of it; main's VERSION ends at {@code head}. */
    private Map<String, String> component(String head) {
        try {
            server = GitHttpServer.start(Files.createDirectories(tmp.resolve("server")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        open.add(server);
        remote = server.createRepository("component.git");
        open.add(remote);
        Map<String, String> c = new LinkedHashMap<>();
        c.put(
                "start",
                remote.commit(
                        "main",
                        "start",
                        "VERSION",
                        "2.0.0\n",
                        "app.txt",
                        "one\n",
                        "Dockerfile",
                        "FROM debian:12.5.0\n",
                        "charts/sd-core/Chart.yaml",
                        "apiVersion: v2\nname: sd-core\nversion: 2.1.3\nappVersion: 1.3.0\n",
                        "charts/sd-core/values.yaml",
                        "images:\n  tags:\n    smf: omecproject/5gc-smf:1.4.2\n"));
        c.put("release", remote.commit("main", "Release 2.1.0", "VERSION", "2.1.0\n"));
        if (!head.equals("2.1.0")) {
            remote.commit("main", "Start " + head, "VERSION", head + "\n");
        }
        c.put("fix", remote.commit("main", "Fix crash", "app.txt", "one fixed\n"));
        clone = tmp.resolve("work-" + System.nanoTime());
        return c;
    }

    private Path clone;

    /** Clones afresh (after the remote got branches the clone should already know). */
    private void reclone() {
        clone = tmp.resolve("work-" + System.nanoTime());
    }

    private Map<String, ArtifactStore> stores;

    /** CI artifacts of a commit in {@code artifacts}, a passed alpha gate; {@code releases} empty. */
    private void ciArtifacts() {
        ciArtifacts(SHA);
    }

    /** The same for another commit. */
    private void ciArtifacts(String commit) {
        try {
            stores = new LinkedHashMap<>();
            for (String s : List.of("artifacts", "releases")) {
                stores.put(s, new FileSystemArtifactStore(Files.createDirectories(tmp.resolve(s))));
            }
            byte[] a = "ferrocene tarball".getBytes(StandardCharsets.UTF_8);
            byte[] b = "ferrocene docs".getBytes(StandardCharsets.UTF_8);
            put(stores.get("artifacts"), commit + "/ferrocene.tar.xz", a);
            put(stores.get("artifacts"), commit + "/docs.tar.xz", b);
            String sums = sha256(a) + " *ferrocene.tar.xz\n" + sha256(b) + " *docs.tar.xz\n";
            put(stores.get("artifacts"), commit + "/SHA256SUMS", sums.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies every object under {@code from} of "artifacts" to {@code to} of "releases": an earlier publication. */
    private void publishedBefore(String from, String to) {
        try {
            ArtifactStore src = stores.get("artifacts");
            ArtifactStore dst = stores.get("releases");
            for (ObjectInfo o : src.list(from)) {
                String name = o.key().value().substring(from.length());
                try (InputStream in = src.open(o.key())) {
                    put(dst, to + name, in.readAllBytes());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private InMemoryReleaseHost host;
    /** A packit.deployment that opens the blog post on the repository {@code blog}. */
    private static final Map<String, Object> BLOG_DEPLOYMENT = Map.of(
            "topic",
            "Deploying",
            "topicChannels",
            List.of("slack"),
            "repositories",
            List.of("component"),
            "githubChecks",
            false,
            "blogRepository",
            "blog");

    private final InMemoryReleaseHost blog = new InMemoryReleaseHost();

    /** Seed 001's GitHub repository (in memory): release-0.1.1 out, 0.1.2's source zip ready, maybe released. */
    private void cfnRepository(boolean released) {
        host = new InMemoryReleaseHost();
        host.ref("main", "1111111111111111111111111111111111111111")
                .tag("release-0.1.1", "0000000000000000000000000000000000000000");
        host.release("release-0.1.1", "previous", false);
        host.archive("release-0.1.2", "PK-zip-of-release-0.1.2".getBytes(StandardCharsets.UTF_8));
        if (released) {
            host.tag("release-0.1.2", "1111111111111111111111111111111111111111");
            host.release("release-0.1.2", "notes", false);
        }
        try {
            stores = new LinkedHashMap<>();
            stores.put("beta", new FileSystemArtifactStore(Files.createDirectories(tmp.resolve("beta"))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Notifier> channels;

    /**
     * The component repository with {@code stable} behind main and {@code development} / {@code security/hotfix} to
     * sync (hotfix has a commit of its own), its GitHub side in memory (v1.4.0 released, the image build of main
     * passed), chat channels with topics.
     */
    private void trainAndDeployment() {
        Map<String, String> c = component();
        remote.branch("stable", c.get("release"));
        remote.branch("development", c.get("release"));
        remote.branch("security/hotfix", c.get("release"));
        remote.commit("security/hotfix", "pin dependency", "requirements.txt", "x==1\n");
        host = new InMemoryReleaseHost();
        host.ref("main", c.get("fix")).ref("stable", c.get("release")).tag("v1.4.0", c.get("start"));
        host.release("v1.4.0", "", false);
        host.checks(List.of(new CheckRun(
                CheckRun.Kind.WORKFLOW, "Build and push images", 7, "completed", "success", "https://x/7")));
        channels = List.of(
                RecordingNotifier.withTopic("slack", "slack").topicIs("Packit"),
                RecordingNotifier.withTopic("matrix", "matrix").topicIs("Packit"));
    }

    /** Staging and production report {@code commit} as the component's ({@code /api/system}-style, in WireMock). */
    private void statusReports(String commit) {
        String body = "{\"component\":{\"commit\":\"" + commit + "\"}}";
        status.stubFor(WireMock.get("/stg/api/system").willReturn(WireMock.okJson(body)));
        status.stubFor(WireMock.get("/api/system").willReturn(WireMock.okJson(body)));
    }

    private DeploymentStatuses deployments() {
        Map<String, DeploymentStatus> m = new LinkedHashMap<>();
        for (String[] d : List.of(new String[] {"staging", "/stg/api/system"}, new String[] {"prod", "/api/system"})) {
            m.put(
                    d[0],
                    HttpDeploymentStatus.builder(d[0])
                            .url(status.baseUrl() + d[1])
                            .component("component", "/component/commit")
                            .build());
        }
        return DeploymentStatuses.of(m, guards);
    }

    /** A fresh repository in the shared docker-registry container, and the registry for the image kinds. */
    private String images() {
        unprotectedImages = OciImageRegistry.builder(
                        "local", RegistryContainer.shared().uri())
                .build();
        return "dryrun/" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    private RunEngine engine() throws Exception {
        Protection protection = Protection.of(ProtectionPolicy.none()).withObserver((w, by) -> observed.add(w));
        List<ProcessDefinition> kinds = new ArrayList<>();
        ImageRegistries images = ImageRegistries.of(
                unprotectedImages == null ? Map.of() : Map.of("local", unprotectedImages),
                guards,
                ImageRegistries.protectedBy(protection));
        if (unprotectedImages != null) {
            kinds.add(new ImagePromoteProcess(images));
            kinds.add(new ImageRetentionProcess(images, Clock.systemUTC()));
            kinds.add(new ImageWaitProcess(images, new TagWaiter(Clock.systemUTC(), Sleeper.threadSleep())));
        }
        SourceRepositories repositories = null;
        if (remote != null) {
            repositories = SourceRepositories.of(
                    Map.of(
                            "component",
                            JGitSourceRepository.cloneOrOpen(GitRepositorySettings.builder("component", clone)
                                    .remote("origin", server.url("component.git"))
                                    .identity(RepoFixture.RELEASER)
                                    .build())),
                    guards,
                    protection::repository);
            open.add(repositories);
            kinds.addAll(GitProcesses.all(repositories));
            kinds.add(new AetherCutBranchProcess(repositories));
            kinds.add(new AetherPatchReleaseProcess(repositories));
            kinds.add(new ImageCheckProcess(repositories));
            kinds.add(new ChartCheckProcess(repositories, ChartRepositories.of(Map.of(), guards), images));
            kinds.add(new ChartBumpProcess(repositories));
            if (channels != null) {
                Notifiers notifiers = new Notifiers(channels, guards, protection);
                ReleaseHosts hosts = ReleaseHosts.builder(guards)
                        .protection(protection)
                        .add("component", host, TagScheme.of("v"))
                        .add("blog", blog, TagScheme.of("v"))
                        .build();
                GitHubWaitChecksProcess wait =
                        new GitHubWaitChecksProcess(hosts, new ChecksWaiter(Clock.systemUTC(), Sleeper.threadSleep()));
                kinds.add(new TrainReleaseProcess(hosts, new SyncBranchesProcess(repositories), notifiers));
                DeploymentWaiter waiter = new DeploymentWaiter(Clock.systemUTC());
                open.add(waiter);
                kinds.add(new PackitDeploymentProcess(
                        notifiers,
                        hosts,
                        wait,
                        new MoveBranchProcess(repositories),
                        null,
                        deployments(),
                        waiter,
                        Clock.systemUTC()));
                kinds.add(new DeploymentVerifyProcess(deployments(), waiter));
                kinds.add(wait);
                kinds.add(new AnnounceProcess(notifiers));
                kinds.add(new DeploymentProcess(notifiers));
            }
        }
        if (stores != null) {
            ArtifactStores registry = new ArtifactStores(stores, guards, protection::store);
            InMemoryGateLedger ledger = new InMemoryGateLedger();
            ledger.record(new GateResult(SHA, "alpha", GateStatus.PASSED, "ci", Instant.now(), Optional.empty()));
            kinds.add(new PublishProcess(registry, PublishSettings.defaults()));
            kinds.add(new PromoteProcess(
                    registry,
                    List.of(new PromotionPipeline(
                            "cfn",
                            List.of(
                                    new Stage("alpha", "artifacts", "{build}/"),
                                    new Stage("beta", "releases", "beta/{build}/")))),
                    ledger,
                    PublishSettings.defaults()));
            if (host == null) {
                kinds.add(
                        repositories == null
                                ? new EmergencyPublishProcess(
                                        registry, EmergencyPublishSettings.defaults(), PublishSettings.defaults())
                                : new EmergencyPublishProcess(
                                        registry,
                                        repositories,
                                        EmergencyPublishSettings.defaults().withRepository("component"),
                                        PublishSettings.defaults(),
                                        Clock.systemUTC()));
            } else {
                ReleaseHosts hosts = ReleaseHosts.builder(guards)
                        .protection(protection)
                        .add("cfn", host, TagScheme.of("release-"))
                        .build();
                Path spool = Files.createDirectories(tmp.resolve("spool"));
                GitHubReleaseToStageProcess toStage = new GitHubReleaseToStageProcess(hosts, () -> registry, spool);
                kinds.add(new GitHubReleaseProcess(hosts));
                kinds.add(toStage);
                kinds.add(new RegistryReleaseProcess(new GitHubReleaseProcess(hosts), toStage, () -> registry));
                kinds.add(new RegistryStageProcess(toStage, () -> registry));
            }
        }
        RunEngine engine = RunEngine.builder()
                .guards(guards)
                .protection(protection)
                .definitions(kinds)
                .replayInterval(Duration.ZERO)
                .build();
        open.add(engine);
        return engine;
    }

    private static List<PlannedWrite> writes(Run run) {
        Set<PlannedWrite> out = new LinkedHashSet<>();
        for (StepRecord r : run.steps()) {
            r.plannedWrites().forEach(w -> out.add(w.bare()));
        }
        return List.copyOf(out);
    }

    private static void put(ArtifactStore store, String key, byte[] bytes) throws Exception {
        store.put(ArtifactKey.of(key), new ByteArrayInputStream(bytes), bytes.length, sha256(bytes));
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
