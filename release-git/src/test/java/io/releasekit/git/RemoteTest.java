package io.releasekit.git;

import static io.releasekit.git.testkit.GitCli.git;
import static io.releasekit.git.testkit.GitCli.revParse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.ConflictException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.scm.CommitId;
import io.releasekit.core.scm.FetchResult;
import io.releasekit.core.scm.FetchResult.Kind;
import io.releasekit.core.scm.PushOutcome;
import io.releasekit.core.scm.PushResult;
import io.releasekit.core.service.GuardConfig;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.git.testkit.GitCli;
import io.releasekit.git.testkit.GitHttpServer;
import io.releasekit.git.testkit.RepoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clone, fetch and push with a lease against a real smart-HTTP git server. */
class RemoteTest {

    static final AtomicInteger COUNTER = new AtomicInteger();

    @TempDir
    static Path serverDir;

    static GitHttpServer server;

    @TempDir
    Path tmp;

    String name;
    RepoFixture remote;
    Path work;
    JGitSourceRepository repo;
    String v1;
    String v2;

    @BeforeAll
    static void startServer() throws Exception {
        server = GitHttpServer.start(serverDir);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void setUp() {
        name = "app-" + COUNTER.incrementAndGet() + ".git";
        remote = server.createRepository(name);
        v1 = remote.commit("main", "1.0.0", "VERSION", "1.0.0\n", "app.txt", "one\n");
        remote.branch("stable", v1);
        v2 = remote.commit("main", "work", "app.txt", "two\n");
        work = tmp.resolve("work");
        repo = JGitSourceRepository.cloneOrOpen(settings(server.url(name)).build());
    }

    @AfterEach
    void tearDown() {
        repo.close();
        remote.close();
    }

    GitRepositorySettings.Builder settings(String url) {
        return GitRepositorySettings.builder("app", work)
                .remote("origin", url)
                .identity(RepoFixture.RELEASER)
                .timeout(Duration.ofSeconds(10));
    }

    @Test
    void clonesTheRemoteWithALocalBranchForEachRemoteBranch() throws Exception {
        assertThat(revParse(work, "refs/heads/main")).isEqualTo(v2);
        assertThat(revParse(work, "refs/heads/stable")).isEqualTo(v1);
        assertThat(revParse(work, "refs/remotes/origin/stable")).isEqualTo(v1);
        assertThat(git(work, "remote", "get-url", "origin")).isEqualTo(server.url(name));
        assertThat(Files.readString(work.resolve("app.txt"))).isEqualTo("two\n");
        assertThat(GitCli.status(work)).isEmpty();
        assertThat(repo.defaultRemote()).contains("origin");
        try (var reopened =
                JGitSourceRepository.cloneOrOpen(settings(server.url(name)).build())) {
            assertThat(reopened.resolve("stable")).isEqualTo(CommitId.of(v1));
        }
    }

    @Test
    void pushesANewTagAndAFastForwardedBranch() {
        repo.tag("v2.0.0").annotated("Release 2.0.0").at("main").call();
        repo.moveBranch("stable").to("main").call();

        PushResult result =
                repo.push("origin").refs("v2.0.0", "refs/heads/stable").call();

        assertThat(result.outcomes()).hasSize(2);
        assertThat(result.outcomes().get(0)).isInstanceOfSatisfying(PushOutcome.Pushed.class, p -> {
            assertThat(p.ref()).isEqualTo("refs/tags/v2.0.0");
            assertThat(p.oldId()).isEmpty();
        });
        assertThat(result.outcomes().get(1))
                .isEqualTo(new PushOutcome.Pushed(
                        "refs/heads/stable", java.util.Optional.of(CommitId.of(v1)), CommitId.of(v2)));
        assertThat(revParse(remote.dir(), "refs/heads/stable")).isEqualTo(v2);
        assertThat(revParse(remote.dir(), "v2.0.0^{commit}")).isEqualTo(v2);
        assertThat(revParse(work, "refs/remotes/origin/stable")).isEqualTo(v2);
        assertThat(repo.remoteRefs("origin")).containsEntry("refs/tags/v2.0.0", CommitId.of(v2));

        PushResult again = repo.push("origin").refs("v2.0.0", "stable").call();
        assertThat(again.outcomes()).allMatch(PushOutcome.UpToDate.class::isInstance);
    }

    @Test
    void rejectsANonFastForwardPushAndLeavesTheRemoteAlone() {
        repo.moveBranch("main").to(v1).force(true).call();

        PushResult result = repo.push("origin").refs("main").call();

        assertThat(result.outcomes().get(0)).isInstanceOfSatisfying(PushOutcome.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(PushOutcome.Reason.NON_FAST_FORWARD);
            assertThat(r.message()).contains("not a fast-forward");
        });
        assertThat(revParse(remote.dir(), "refs/heads/main")).isEqualTo(v2);
        assertThatThrownBy(result::requireAccepted)
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("refs/heads/main on 'origin'");
    }

    @Test
    void refusesToPushWhenTheRemoteMovedSinceItWasRead() {
        String theirs = remote.commit("main", "someone else's push", "theirs.txt", "t\n");
        repo.setVersion("main", "2.0.0").call();

        PushResult result = repo.push("origin").refs("main").force(true).call();

        assertThat(result.outcomes().get(0)).isInstanceOfSatisfying(PushOutcome.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(PushOutcome.Reason.REMOTE_CHANGED);
            assertThat(r.message())
                    .contains("is at " + theirs.substring(0, 12))
                    .contains("expected at " + v2.substring(0, 12))
                    .contains("fetch");
        });
        assertThat(revParse(remote.dir(), "refs/heads/main")).isEqualTo(theirs);

        FetchResult fetched = repo.fetch("origin").call();

        assertThat(fetched.changes())
                .anySatisfy(c -> assertThat(c)
                        .isEqualTo(LocalChange.of("refs/remotes/origin/main", v2, theirs, Kind.FAST_FORWARDED)))
                .anySatisfy(c -> assertThat(c.ref()).isEqualTo("refs/heads/main"))
                .anySatisfy(c -> assertThat(c.kind()).isEqualTo(Kind.DIVERGED));
        PushResult forced = repo.push("origin").refs("main").force(true).call();
        assertThat(forced.outcomes().get(0)).isInstanceOf(PushOutcome.Pushed.class);
        assertThat(GitCli.isAncestor(remote.dir(), theirs, "main")).isFalse();
    }

    @Test
    void anExplicitLeaseOverridesTheTrackingRef() {
        repo.setVersion("main", "2.0.0").call();

        PushResult result =
                repo.push("origin").refs("main").expect("main", CommitId.of(v1)).call();

        assertThat(result.outcomes().get(0))
                .isInstanceOfSatisfying(PushOutcome.Rejected.class, r -> assertThat(r.reason())
                        .isEqualTo(PushOutcome.Reason.REMOTE_CHANGED));
    }

    @Test
    void neverMovesATagOnTheRemote() {
        remote.repository(); // the remote already has v1.0.0 at v1; locally it is made at v2
        try (var git = org.eclipse.jgit.api.Git.wrap(remote.repository())) {
            git.tag()
                    .setName("v1.0.0")
                    .setObjectId(parse(remote, v1))
                    .setAnnotated(false)
                    .call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        repo.tag("v1.0.0").at(v2).call();

        PushResult result =
                repo.push("origin").refs("refs/tags/v1.0.0").force(true).call();

        assertThat(result.outcomes().get(0))
                .isInstanceOfSatisfying(PushOutcome.Rejected.class, r -> assertThat(r.reason())
                        .isEqualTo(PushOutcome.Reason.REMOTE_CHANGED));
        assertThat(revParse(remote.dir(), "refs/tags/v1.0.0")).isEqualTo(v1);
        FetchResult fetched = repo.fetch("origin").call();
        assertThat(fetched.changes()).anySatisfy(c -> assertThat(c.kind()).isEqualTo(Kind.TAG_CONFLICT));
        assertThat(revParse(work, "refs/tags/v1.0.0")).isEqualTo(v2);
    }

    @Test
    void dryRunPushAsksTheRemoteAndSendsNothing() {
        repo.setVersion("main", "2.0.0").call();
        Map<String, String> remoteRefs = GitCli.refs(remote.dir());
        Map<String, String> localRefs = GitCli.refs(work);

        PushResult result = repo.push("origin").refs("main").dryRun(true).call();

        assertThat(result.outcomes().get(0)).isInstanceOf(PushOutcome.Pushed.class);
        assertThat(GitCli.refs(remote.dir())).isEqualTo(remoteRefs);
        assertThat(GitCli.refs(work)).isEqualTo(localRefs);
    }

    @Test
    void fetchBringsLocalBranchesUpToTheRemote() {
        String v3 = remote.commit("main", "more", "app.txt", "three\n");
        String feature = remote.commit("feature/x", "new branch", "f.txt", "f\n");
        org.eclipse.jgit.lib.RefUpdate delete;
        try {
            delete = remote.repository().updateRef("refs/heads/stable");
            delete.setForceUpdate(true);
            delete.delete();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> before = GitCli.refs(work);

        FetchResult planned = repo.fetch("origin").dryRun(true).call();

        assertThat(GitCli.refs(work)).isEqualTo(before);
        assertThat(planned.changes()).extracting(FetchResult.RefChange::kind).contains(Kind.CREATED, Kind.DELETED);

        FetchResult fetched = repo.fetch("origin").call();

        assertThat(fetched.changes())
                .contains(LocalChange.of("refs/heads/main", v2, v3, Kind.FAST_FORWARDED))
                .contains(LocalChange.of("refs/heads/feature/x", null, feature, Kind.CREATED))
                .contains(LocalChange.of("refs/remotes/origin/stable", v1, null, Kind.DELETED));
        assertThat(revParse(work, "refs/heads/main")).isEqualTo(v3);
        assertThat(GitCli.status(work)).isEmpty();
        assertThat(GitCli.run(work, "rev-parse", "--verify", "refs/remotes/origin/stable")
                        .exitCode())
                .isNotZero();
        assertThat(revParse(work, "refs/heads/stable")).isEqualTo(v1); // a local branch is never deleted
    }

    @Test
    void anUnreachableRemoteIsUnavailableUnderItsGuardName() throws Exception {
        Path other = tmp.resolve("other");
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var settings = GitRepositorySettings.builder("other", other)
                .remote("origin", "http://127.0.0.1:" + closedPort + "/git/nothing.git")
                .timeout(Duration.ofSeconds(5))
                .build();
        ServiceGuards guards = ServiceGuards.builder()
                .service("git", GuardConfig.defaults().withMaxAttempts(1))
                .build();

        assertThatThrownBy(() -> guards.call("git:origin", () -> JGitSourceRepository.cloneOrOpen(settings)))
                .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> assertThat(e.service())
                        .isEqualTo("git:origin"));
        assertThat(Files.exists(other)).isFalse();
        assertThat(guards.status("git:origin").failedCalls()).isEqualTo(1);
        guards.close();
    }

    @Test
    void usesCredentialsAndNeverShowsThem() throws Exception {
        Path authWork = tmp.resolve("auth");
        var withoutCredentials = GitRepositorySettings.builder("auth", authWork)
                .remote("origin", server.authUrl(name))
                .timeout(Duration.ofSeconds(10))
                .build();
        assertThatThrownBy(() -> JGitSourceRepository.cloneOrOpen(withoutCredentials))
                .isInstanceOf(ServiceUnavailableException.class);

        var credentials = new GitCredentials(GitHttpServer.USER, GitHttpServer.PASSWORD);
        var withCredentials = GitRepositorySettings.builder("auth", authWork)
                .remote("origin", server.authUrl(name))
                .credentials(credentials)
                .build();
        try (var authRepo = JGitSourceRepository.cloneOrOpen(withCredentials)) {
            authRepo.tag("v9").at("main").call();
            assertThat(authRepo.push("origin").refs("v9").call().rejected()).isEmpty();
        }
        assertThat(revParse(remote.dir(), "refs/tags/v9")).isEqualTo(v2);
        assertThat(withCredentials.toString()).doesNotContain(GitHttpServer.PASSWORD);
        assertThat(credentials.toString()).doesNotContain(GitHttpServer.PASSWORD);
        assertThat(GitRepositorySettings.redact("fetch https://bot:s3cret@git.example.com/x.git failed"))
                .isEqualTo("fetch https://***@git.example.com/x.git failed");
    }

    static org.eclipse.jgit.revwalk.RevCommit parse(RepoFixture fixture, String id) {
        try (var walk = new org.eclipse.jgit.revwalk.RevWalk(fixture.repository())) {
            return walk.parseCommit(org.eclipse.jgit.lib.ObjectId.fromString(id));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Builds expected fetch changes. */
    static final class LocalChange {
        static FetchResult.RefChange of(String ref, String oldId, String newId, Kind kind) {
            return new FetchResult.RefChange(
                    ref,
                    java.util.Optional.ofNullable(oldId).map(CommitId::of),
                    java.util.Optional.ofNullable(newId).map(CommitId::of),
                    kind);
        }
    }
}
