package io.releasekit.git;

import static io.releasekit.git.testkit.GitCli.git;
import static io.releasekit.git.testkit.GitCli.isAncestor;
import static io.releasekit.git.testkit.GitCli.revParse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.ConflictException;
import io.releasekit.core.scm.CommitId;
import io.releasekit.core.scm.FetchResult;
import io.releasekit.core.scm.FetchResult.Kind;
import io.releasekit.core.scm.PickOutcome;
import io.releasekit.core.scm.PushOutcome;
import io.releasekit.core.scm.PushResult;
import io.releasekit.git.testkit.GitCli;
import io.releasekit.git.testkit.GitHttpServer;
import io.releasekit.git.testkit.RepoFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release whose push the server refused (someone pushed to the release branch meanwhile) is recovered by the next
 * fetch that owns the branch: releasekit's own unpushed commits and tag are dropped, nothing of anyone else's is, and
 * the release redone on the server's branch is accepted. Against a real smart-HTTP git server, checked with git.
 */
class FetchRecoveryTest {

    static final AtomicInteger COUNTER = new AtomicInteger();

    @TempDir
    static Path serverDir;

    static GitHttpServer server;

    @TempDir
    Path tmp;

    RepoFixture remote;
    Path bare;
    Path work;
    JGitSourceRepository repo;
    String release;
    String fix;

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
        String name = "component-" + COUNTER.incrementAndGet() + ".git";
        remote = server.createRepository(name);
        remote.commit("main", "Start 2.1.0-dev", "VERSION", "2.1.0-dev\n", "app.txt", "one\n", "README", "r\n");
        release = remote.commit("main", "Release 2.1.0", "VERSION", "2.1.0\n");
        remote.branch("aether-2.1", release);
        remote.commit("main", "Start 2.2.0-dev", "VERSION", "2.2.0-dev\n");
        fix = remote.commit("main", "Fix crash on empty input", "app.txt", "one fixed\n");
        bare = remote.gitDir();
        work = tmp.resolve("work");
        repo = JGitSourceRepository.cloneOrOpen(GitRepositorySettings.builder("component", work)
                .remote("origin", server.url(name))
                .identity(RepoFixture.RELEASER)
                .timeout(Duration.ofSeconds(10))
                .build());
    }

    @AfterEach
    void tearDown() {
        repo.close();
        remote.close();
    }

    /** The patch release as aether.patch-release makes it: pick with the bump, tag, back to -dev. */
    void release() {
        repo.fetch("origin").own("aether-2.1").call();
        assertThat(repo.cherryPick("aether-2.1").commit(fix).bumpPatch(true).call())
                .isInstanceOf(PickOutcome.Picked.class);
        repo.tag("2.1.1").annotated("Release 2.1.1").at("aether-2.1").call();
        repo.setVersion("aether-2.1", "2.1.2-dev").call();
    }

    PushResult push() {
        return repo.push("origin")
                .refs("refs/heads/aether-2.1", "refs/tags/2.1.1")
                .atomic(true)
                .call();
    }

    @Test
    void aPushRefusedBecauseSomeonePushedToTheReleaseBranchIsRecoveredAndTheRedoneReleaseKeepsTheirCommit()
            throws Exception {
        release();
        String ourPick = revParse(work, "2.1.1^{}");
        String ourDev = revParse(work, "refs/heads/aether-2.1");
        String ourTag = revParse(work, "refs/tags/2.1.1");
        // someone pushes to the release branch between our pick and our push
        String theirs = remote.commit("aether-2.1", "Backport the docs", "README", "r, documented\n");

        PushResult refused = push();

        assertThat(refused.rejected()).extracting(PushOutcome.Rejected::ref).contains("refs/heads/aether-2.1");
        assertThatThrownBy(refused::requireAccepted)
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("refs/heads/aether-2.1")
                .hasMessageContaining("moved since it was last read");
        // atomic: the tag was not published without its branch
        assertThat(GitCli.run(bare, "rev-parse", "--verify", "refs/tags/2.1.1").exitCode())
                .isNotZero();

        // the next run's fetch owns the branch: back to the server's, dropping exactly our unpushed work
        List<FetchResult.RefChange> expected = List.of(
                new FetchResult.RefChange(
                        "refs/heads/aether-2.1",
                        Optional.of(CommitId.of(ourDev)),
                        Optional.of(CommitId.of(theirs)),
                        Kind.RESET,
                        List.of(CommitId.of(ourDev), CommitId.of(ourPick))),
                new FetchResult.RefChange(
                        "refs/tags/2.1.1",
                        Optional.of(CommitId.of(ourTag)),
                        Optional.empty(),
                        Kind.DROPPED,
                        List.of()));
        // a dry run fetches the server's objects but writes no ref, so it can say what the fetch would drop
        Map<String, String> refsBefore = GitCli.refs(work);
        String fetchHeadBefore = java.nio.file.Files.readString(work.resolve(".git/FETCH_HEAD"));
        assertThat(GitCli.run(work, "cat-file", "-e", theirs).exitCode()).isNotZero();

        FetchResult dry = repo.fetch("origin").own("aether-2.1").dryRun(true).call();

        assertThat(dry.recovered()).isEqualTo(expected);
        assertThat(dry.undetermined()).isEmpty();
        assertThat(dry.changes())
                .contains(new FetchResult.RefChange(
                        "refs/remotes/origin/aether-2.1",
                        Optional.of(CommitId.of(release)),
                        Optional.of(CommitId.of(theirs)),
                        Kind.FAST_FORWARDED));
        assertThat(revParse(work, "refs/heads/aether-2.1")).isEqualTo(ourDev);
        assertThat(revParse(work, "refs/remotes/origin/aether-2.1")).isEqualTo(release);
        assertThat(revParse(work, "refs/tags/2.1.1")).isEqualTo(ourTag);
        assertThat(GitCli.refs(work)).isEqualTo(refsBefore);
        assertThat(work.resolve(".git/FETCH_HEAD")).hasContent(fetchHeadBefore);
        assertThat(GitCli.run(work, "cat-file", "-e", theirs).exitCode()).isZero(); // only objects arrived

        FetchResult fetched = repo.fetch("origin").own("aether-2.1").call();

        assertThat(fetched.undetermined()).isEmpty();
        assertThat(fetched.recovered()).isEqualTo(expected);
        assertThat(fetched.recovered())
                .containsExactly(
                        new FetchResult.RefChange(
                                "refs/heads/aether-2.1",
                                Optional.of(CommitId.of(ourDev)),
                                Optional.of(CommitId.of(theirs)),
                                Kind.RESET,
                                List.of(CommitId.of(ourDev), CommitId.of(ourPick))),
                        new FetchResult.RefChange(
                                "refs/tags/2.1.1",
                                Optional.of(CommitId.of(ourTag)),
                                Optional.empty(),
                                Kind.DROPPED,
                                List.of()));
        assertThat(revParse(work, "refs/heads/aether-2.1")).isEqualTo(theirs);
        assertThat(GitCli.run(work, "rev-parse", "--verify", "refs/tags/2.1.1").exitCode())
                .isNotZero();

        // redone on the server's branch, it is accepted; nothing is lost
        release();
        push().requireAccepted();

        assertThat(isAncestor(bare, theirs, "refs/heads/aether-2.1")).isTrue();
        assertThat(git(bare, "rev-parse", "2.1.1^{}~1")).isEqualTo(theirs);
        assertThat(git(bare, "show", "2.1.1:VERSION")).isEqualTo("2.1.1");
        assertThat(git(bare, "show", "2.1.1:app.txt")).isEqualTo("one fixed");
        assertThat(git(bare, "show", "2.1.1:README")).isEqualTo("r, documented");
        assertThat(git(bare, "show", "refs/heads/aether-2.1:VERSION")).isEqualTo("2.1.2-dev");
        assertThat(git(bare, "show", "--stat", "--format=%s", "2.1.1^{}"))
                .startsWith("Fix crash on empty input")
                .contains("VERSION")
                .contains("app.txt")
                .contains("2 files changed");
    }

    @Test
    void aCommitOfSomeoneElseThatExistsOnlyInTheWorkingCloneIsNeverDropped() throws Exception {
        release();
        // someone committed by hand in the working clone, on the release branch
        git(work, "checkout", "-q", "aether-2.1");
        java.nio.file.Files.writeString(work.resolve("NOTES"), "hand-made\n");
        git(work, "add", "NOTES");
        git(work, "-c", "user.name=Dev Eloper", "-c", "user.email=dev@example.com", "commit", "-q", "-m", "By hand");
        remote.commit("aether-2.1", "Backport the docs", "README", "r, documented\n");
        assertThat(push().rejected()).isNotEmpty();
        Map<String, String> before = GitCli.refs(work);

        assertThatThrownBy(() -> repo.fetch("origin").own("aether-2.1").call())
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("local aether-2.1 has diverged")
                .hasMessageContaining("'By hand'")
                .hasMessageContaining("Dev Eloper <dev@example.com>")
                .hasMessageContaining("nothing was changed");
        Map<String, String> after = GitCli.refs(work);
        after.keySet().removeIf(r -> r.startsWith("refs/remotes/"));
        before.keySet().removeIf(r -> r.startsWith("refs/remotes/"));
        assertThat(after).isEqualTo(before);
        // a fetch that does not own the branch leaves it alone and says so
        assertThat(repo.fetch("origin").call().changes())
                .filteredOn(c -> c.ref().equals("refs/heads/aether-2.1"))
                .extracting(FetchResult.RefChange::kind)
                .containsExactly(Kind.DIVERGED);
    }

    @Test
    void anOwnedBranchMerelyAheadOfTheRemoteKeepsItsUnpushedCommitsForThePush() {
        release();
        String head = revParse(work, "refs/heads/aether-2.1");

        FetchResult fetched = repo.fetch("origin").own("aether-2.1").call();

        assertThat(fetched.recovered()).isEmpty();
        assertThat(fetched.changes())
                .filteredOn(c -> c.ref().equals("refs/heads/aether-2.1"))
                .extracting(FetchResult.RefChange::kind)
                .containsExactly(Kind.LOCAL_AHEAD);
        assertThat(revParse(work, "refs/heads/aether-2.1")).isEqualTo(head);
        push().requireAccepted();
        assertThat(git(bare, "rev-parse", "refs/heads/aether-2.1")).isEqualTo(head);
    }

    @Test
    void aTagTheRemoteHasAtAnotherCommitIsAConflictAndIsNeverMoved() {
        release();
        // someone released 2.1.1 from another commit meanwhile
        git(
                bare,
                "-c",
                "user.name=Other",
                "-c",
                "user.email=other@example.com",
                "tag",
                "-a",
                "-m",
                "theirs",
                "2.1.1",
                release);
        String theirTag = git(bare, "rev-parse", "refs/tags/2.1.1");
        assertThat(push().rejected()).extracting(PushOutcome.Rejected::ref).contains("refs/tags/2.1.1");
        assertThat(git(bare, "rev-parse", "refs/heads/aether-2.1")).isEqualTo(release);

        FetchResult fetched = repo.fetch("origin").own("aether-2.1").call();

        // our unpublished release is dropped, the remote's tag is taken as it is
        assertThat(fetched.recovered())
                .extracting(FetchResult.RefChange::kind)
                .containsExactly(Kind.RESET, Kind.DROPPED);
        assertThat(fetched.recovered().get(1).newId()).contains(CommitId.of(theirTag));
        assertThat(revParse(work, "refs/heads/aether-2.1")).isEqualTo(release);
        assertThat(revParse(work, "refs/tags/2.1.1")).isEqualTo(theirTag);
        // redoing the release names the conflict; the server's tag is where it was
        repo.cherryPick("aether-2.1").commit(fix).bumpPatch(true).call();
        assertThatThrownBy(() -> repo.tag("2.1.1")
                        .annotated("Release 2.1.1")
                        .at("aether-2.1")
                        .call())
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("tag '2.1.1' already points at " + release.substring(0, 12))
                .hasMessageContaining("never moved");
        assertThat(git(bare, "rev-parse", "refs/tags/2.1.1")).isEqualTo(theirTag);
    }
}
