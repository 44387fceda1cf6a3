package io.releasekit.process.artifact;

import static io.releasekit.git.testkit.GitCli.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.artifact.FileSystemArtifactStore;
import io.releasekit.core.artifact.ObjectInfo;
import io.releasekit.core.artifact.ReleaseIndex;
import io.releasekit.core.protect.Protection;
import io.releasekit.core.protect.ProtectionPolicy;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunRequest;
import io.releasekit.core.run.RunState;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.RecordingArtifactStore;
import io.releasekit.core.testkit.TestRelease;
import io.releasekit.git.GitRepositorySettings;
import io.releasekit.git.JGitSourceRepository;
import io.releasekit.git.testkit.GitHttpServer;
import io.releasekit.git.testkit.RepoFixture;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 000's parity with Ferrocene's own tool: {@code emergency-publish} takes a branch, tag or short hash and resolves
 * it in a real repository cloned from a git server (a full commit id needs none), and every publication lands in the
 * release index of the releases store, updated last and atomically — two runs at once both end up in it.
 */
class EmergencyPublishRefsAndIndexTest {

    private static final Set<String> RM = Set.of(ApprovalPolicy.RELEASE_MANAGER);
    private static final Instant NOW = Instant.parse("2026-12-06T07:30:00Z");

    @TempDir
    Path tmp;

    final ServiceGuards guards = ServiceGuards.withDefaults();
    GitHttpServer server;
    RepoFixture remote;
    SourceRepositories repositories;
    RecordingArtifactStore releases;
    Map<String, ArtifactStore> raw;
    ArtifactStores stores;
    RunEngine engine;
    String first;
    String second;

    @BeforeEach
    void fixtures() throws Exception {
        server = GitHttpServer.start(Files.createDirectories(tmp.resolve("server")));
        remote = server.createRepository("ferrocene.git");
        first = remote.commit("main", "Ferrocene 24.11.0", "VERSION", "24.11.0\n");
        second = remote.commit("main", "Start 24.11.1", "VERSION", "24.11.1-dev\n");
        git(
                remote.gitDir(),
                "-c",
                "user.name=R",
                "-c",
                "user.email=r@example.com",
                "tag",
                "-a",
                "-m",
                "24.11.0",
                "24.11.0",
                first);
        repositories = SourceRepositories.of(
                Map.of(
                        "ferrocene",
                        JGitSourceRepository.cloneOrOpen(
                                GitRepositorySettings.builder("ferrocene", tmp.resolve("clone"))
                                        .remote("origin", server.url("ferrocene.git"))
                                        .identity(RepoFixture.RELEASER)
                                        .build())),
                guards);
        for (String commit : List.of(first, second)) {
            TestRelease.of(3)
                    .file("ferrocene-" + commit.substring(0, 7) + ".tar.xz", commit)
                    .writeTo(tmp.resolve("artifacts/" + commit));
        }
        releases = new RecordingArtifactStore(new FileSystemArtifactStore(tmp.resolve("releases")))
                .asService("s3:eu-central-1");
        raw = Map.of(
                "artifacts",
                new RecordingArtifactStore(new FileSystemArtifactStore(tmp.resolve("artifacts")))
                        .asService("s3:us-east-1"),
                "releases",
                releases);
        stores = new ArtifactStores(raw, guards);
        engine = engine(stores);
    }

    @AfterEach
    void close() throws Exception {
        engine.close();
        repositories.close();
        remote.close();
        server.close();
        guards.close();
    }

    @Test
    void resolvesABranchATagAndAShortHashToTheFullCommitAndIndexesEachPublicationOnce() throws Exception {
        Run main = publish("main");
        assertThat(main.step("resolve-commit").orElseThrow().summary()).contains("'main' is commit " + second);
        assertThat(releases.putOrder()).last().isEqualTo("index.json");
        assertThat(releases.putOrder().get(releases.putOrder().size() - 2)).isEqualTo(second + "/SHA256SUMS");

        Run tag = publish("24.11.0");
        assertThat(tag.step("resolve-commit").orElseThrow().summary()).contains("is commit " + first);
        Run shortHash = publish(first.substring(0, 9));
        assertThat(shortHash.step("update-index").orElseThrow().summary()).contains("already in the release index");

        List<ReleaseIndex.Entry> index = index().releases();
        assertThat(index).extracting(ReleaseIndex.Entry::commit).containsExactly(second, first);
        assertThat(index).extracting(ReleaseIndex.Entry::ref).containsExactly("main", "24.11.0");
        assertThat(index.get(0).approvers()).containsExactly("bob", "carol");
        assertThat(index.get(0).publishedAt()).isEqualTo(NOW);
        assertThat(index.get(0).prefix()).isEqualTo(second + "/");
        assertThat(index.get(0).run()).isEqualTo(main.id());
        assertThat(index.get(0).manifestSha256()).isEqualTo(sha256(releases, second + "/SHA256SUMS"));
        assertThat(releases.putCounts()).containsEntry("index.json", 2);
    }

    @Test
    void aFullCommitNeedsNoRepositoryWhileABranchDependsOnItsRemote() {
        guards.forceOpen("git:origin");

        assertThat(engine.preflight(EmergencyPublishProcess.KIND, Map.of("commit", first.toUpperCase()))
                        .describe())
                .isEqualTo("GO");
        assertThat(engine.preflight(EmergencyPublishProcess.KIND, Map.of("commit", "main"))
                        .describe())
                .isEqualTo("NO-GO: strict service(s) down [git:origin]");
        EmergencyPublishProcess withoutRepository =
                new EmergencyPublishProcess(stores, EmergencyPublishSettings.defaults(), PublishSettings.defaults());
        assertThatThrownBy(() -> withoutRepository.ref("main"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("commit 'main' is not a full 40-digit commit id");
        assertThat(withoutRepository.ref(first.toUpperCase())).isEqualTo(first);
    }

    @Test
    void anUnknownRefFailsTheRunBeforeAnythingIsWritten() {
        Run run =
                engine.start(RunRequest.of(EmergencyPublishProcess.KIND, Map.of("commit", "no-such-branch"), "alice"));
        engine.approve(run.id(), "bob", RM, null);
        engine.approve(run.id(), "carol", RM, null);

        Run done = engine.awaitEnd(run.id(), Duration.ofSeconds(60));

        assertThat(done.state()).isEqualTo(RunState.FAILED);
        assertThat(done.reason()).contains("no-such-branch");
        assertThat(releases.putOrder()).isEmpty();
    }

    @Test
    void twoRunsUpdatingTheIndexAtOnceBothEndUpInIt() throws Exception {
        // both runs read the empty index, then both write: one wins, the other must read again and add itself
        CyclicBarrier bothRead = new CyclicBarrier(2);
        AtomicInteger writes = new AtomicInteger();
        ArtifactStore racing = new DelegatingStore(releases) {
            @Override
            public ObjectInfo putIfUnchanged(ArtifactKey key, byte[] content, Optional<String> expected) {
                if (writes.incrementAndGet() <= 2) {
                    await(bothRead);
                }
                return super.putIfUnchanged(key, content, expected);
            }
        };
        engine.close();
        engine = engine(new ArtifactStores(Map.of("artifacts", stores.get("artifacts"), "releases", racing), guards));

        Run a = engine.start(RunRequest.of(EmergencyPublishProcess.KIND, Map.of("commit", first), "alice"));
        Run b = engine.start(RunRequest.of(EmergencyPublishProcess.KIND, Map.of("commit", second), "alice"));
        for (Run r : List.of(a, b)) {
            engine.approve(r.id(), "bob", RM, null);
            engine.approve(r.id(), "carol", RM, null);
        }
        a = engine.awaitEnd(a.id(), Duration.ofSeconds(60));
        b = engine.awaitEnd(b.id(), Duration.ofSeconds(60));

        assertThat(a.state()).as(a.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(b.state()).as(b.reason()).isEqualTo(RunState.SUCCEEDED);
        assertThat(index().releases()).extracting(ReleaseIndex.Entry::commit).containsExactlyInAnyOrder(first, second);
        assertThat(List.of(a, b))
                .extracting(r -> r.step("update-index").orElseThrow().summary())
                .anyMatch(s -> s.contains("1 attempt(s)"))
                .anyMatch(s -> s.contains("2 attempt(s)"));
        assertThat(writes).hasValue(3);
    }

    @Test
    void aBranchThatMovesAfterTheApprovalsPublishesNothingTheApproversDidNotSee() {
        Protection protection = Protection.of(ProtectionPolicy.none());
        engine.close();
        engine = RunEngine.builder()
                .guards(guards)
                .protection(protection)
                .replayInterval(Duration.ZERO)
                .define(process(new ArtifactStores(raw, guards, protection::store)))
                .build();
        Run run = engine.start(RunRequest.of(EmergencyPublishProcess.KIND, Map.of("commit", "main"), "alice"));
        assertThat(run.step("copy").orElseThrow().planned()).allMatch(t -> t.contains(second));

        String third = remote.commit("main", "Late fix", "fix.txt", "late\n");
        TestRelease.of(2).writeTo(tmp.resolve("artifacts/" + third));
        engine.approve(run.id(), "bob", RM, null);
        engine.approve(run.id(), "carol", RM, null);
        Run done = engine.awaitEnd(run.id(), Duration.ofSeconds(60));

        assertThat(done.state()).isEqualTo(RunState.FAILED);
        assertThat(done.step("resolve-commit").orElseThrow().summary()).contains(third);
        assertThat(done.reason()).contains("not in the run's plan");
        assertThat(releases.putOrder()).isEmpty();
    }

    // ---- helpers

    private RunEngine engine(ArtifactStores with) {
        return RunEngine.builder()
                .guards(guards)
                .workerThreads(2)
                .replayInterval(Duration.ZERO)
                .define(process(with))
                .build();
    }

    private EmergencyPublishProcess process(ArtifactStores with) {
        return new EmergencyPublishProcess(
                with,
                repositories,
                EmergencyPublishSettings.defaults().withRepository("ferrocene"),
                PublishSettings.defaults(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Run publish(String ref) {
        Run run = engine.start(RunRequest.of(EmergencyPublishProcess.KIND, Map.of("commit", ref), "alice"));
        engine.approve(run.id(), "bob", RM, null);
        engine.approve(run.id(), "carol", RM, "checked " + ref);
        Run done = engine.awaitEnd(run.id(), Duration.ofSeconds(60));
        assertThat(done.state()).as(done.reason()).isEqualTo(RunState.SUCCEEDED);
        return done;
    }

    private ReleaseIndex index() throws Exception {
        try (InputStream in = releases.open(ArtifactKey.of("index.json"))) {
            return ReleaseIndex.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "index.json");
        }
    }

    private static String sha256(ArtifactStore store, String key) throws Exception {
        try (InputStream in = store.open(ArtifactKey.of(key))) {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other run never reached its index write", e);
        }
    }

    /** A store passing every call to another (to put a test's hook in front of one method). */
    static class DelegatingStore implements ArtifactStore {
        private final ArtifactStore d;

        DelegatingStore(ArtifactStore d) {
            this.d = d;
        }

        @Override
        public String location() {
            return d.location();
        }

        @Override
        public Optional<String> service() {
            return d.service();
        }

        @Override
        public List<String> services() {
            return d.services();
        }

        @Override
        public List<ObjectInfo> list(String prefix) {
            return d.list(prefix);
        }

        @Override
        public Optional<ObjectInfo> stat(ArtifactKey key) {
            return d.stat(key);
        }

        @Override
        public InputStream open(ArtifactKey key) {
            return d.open(key);
        }

        @Override
        public ObjectInfo put(ArtifactKey key, InputStream content, long size, String sha256) {
            return d.put(key, content, size, sha256);
        }

        @Override
        public ObjectInfo putIfUnchanged(ArtifactKey key, byte[] content, Optional<String> expected) {
            return d.putIfUnchanged(key, content, expected);
        }
    }
}
