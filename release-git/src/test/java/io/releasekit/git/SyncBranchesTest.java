package io.releasekit.git;

import static io.releasekit.git.testkit.GitCli.catFile;
import static io.releasekit.git.testkit.GitCli.isAncestor;
import static io.releasekit.git.testkit.GitCli.show;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.scm.BranchName;
import io.releasekit.core.scm.CommitId;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.scm.SyncOutcome;
import io.releasekit.core.scm.SyncResult;
import io.releasekit.git.testkit.GitCli;
import io.releasekit.git.testkit.RepoFixture;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 002: after a release on main, sync development and security/hotfix with main. */
class SyncBranchesTest {

    @TempDir
    Path tmp;

    RepoFixture fixture;
    SourceRepository repo;
    String base;
    String main;

    @BeforeEach
    void setUp() {
        fixture = RepoFixture.init(tmp.resolve("repo"));
        base = fixture.commit("main", "base", "app.txt", "a\n", "deps.txt", "lib 1.0\n");
        fixture.branch("development", base);
        fixture.branch("security/hotfix", base);
        main = fixture.commit("main", "weekly release", "app.txt", "b\n");
        fixture.checkout("main");
        repo = fixture.open();
    }

    @AfterEach
    void tearDown() {
        repo.close();
        fixture.close();
    }

    @Test
    void fastForwardsWhereItCanAndMergesOtherwise() {
        String devWork = fixture.commit("development", "feature in QA", "feature.txt", "f\n");

        SyncResult result =
                repo.sync("main").into("development", "security/hotfix").call();

        assertThat(result.sourceHead()).isEqualTo(CommitId.of(main));
        assertThat(result.outcomes()).hasSize(2);
        SyncOutcome.Merged merged = (SyncOutcome.Merged) result.outcomes().get(0);
        assertThat(merged.oldId()).isEqualTo(CommitId.of(devWork));
        String mergeCommit = catFile(fixture.dir(), merged.mergeCommit().value());
        assertThat(mergeCommit)
                .contains("parent " + devWork + "\nparent " + main)
                .contains("author Release Bot <release-bot@example.com>")
                .contains("Merge branch 'main' into development");
        assertThat(show(fixture.dir(), "development", "feature.txt")).isEqualTo("f");
        assertThat(show(fixture.dir(), "development", "app.txt")).isEqualTo("b");
        assertThat(result.outcomes().get(1))
                .isEqualTo(new SyncOutcome.FastForwarded(
                        BranchName.of("security/hotfix"), CommitId.of(base), CommitId.of(main)));
        assertThat(isAncestor(fixture.dir(), main, "development")).isTrue();
        assertThat(isAncestor(fixture.dir(), main, "security/hotfix")).isTrue();
        assertThat(result.hasConflicts()).isFalse();
    }

    @Test
    void aConflictOnOneTargetLeavesItUntouchedAndStillSyncsTheOther() {
        String hot = fixture.commit("security/hotfix", "patch app", "app.txt", "c\n");
        Set<String> objectsBefore = GitCli.objectFiles(fixture.gitDir());

        SyncResult result =
                repo.sync("main").into("security/hotfix", "development").call();

        assertThat(result.outcomes().get(0))
                .isEqualTo(new SyncOutcome.Conflicted(
                        BranchName.of("security/hotfix"), CommitId.of(hot), java.util.List.of("app.txt")));
        assertThat(fixture.head("security/hotfix")).isEqualTo(hot);
        assertThat(result.outcomes().get(1)).isInstanceOf(SyncOutcome.FastForwarded.class);
        assertThat(fixture.head("development")).isEqualTo(main);
        assertThat(result.hasConflicts()).isTrue();
        assertThat(GitCli.objectFiles(fixture.gitDir())).isEqualTo(objectsBefore);
    }

    @Test
    void answersUpToDateWhenTheTargetAlreadyContainsTheSource() {
        fixture.branch("development", main);
        fixture.commit("development", "ahead of main", "x.txt", "x\n");
        Map<String, String> before = fixture.refs();

        SyncResult result = repo.sync("main").into("development").call();

        assertThat(result.outcomes().get(0)).isInstanceOf(SyncOutcome.UpToDate.class);
        assertThat(fixture.refs()).isEqualTo(before);
    }

    @Test
    void dryRunReportsEveryTargetAndWritesNothing() {
        fixture.commit("development", "feature", "feature.txt", "f\n");
        Map<String, String> before = fixture.refs();
        Set<String> objects = GitCli.objectFiles(fixture.gitDir());

        SyncResult result = repo.sync("main")
                .into("development", "security/hotfix")
                .dryRun(true)
                .call();

        assertThat(result.outcomes().get(0)).isInstanceOf(SyncOutcome.Merged.class);
        assertThat(result.outcomes().get(1)).isInstanceOf(SyncOutcome.FastForwarded.class);
        assertThat(fixture.refs()).isEqualTo(before);
        assertThat(GitCli.objectFiles(fixture.gitDir())).isEqualTo(objects);
    }

    @Test
    void refusesToSyncABranchIntoItselfOrTwice() {
        assertThatThrownBy(() -> repo.sync("main").into("main")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> repo.sync("main").into("development", "development"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> repo.sync("main").call()).isInstanceOf(InvalidInputException.class);
    }
}
