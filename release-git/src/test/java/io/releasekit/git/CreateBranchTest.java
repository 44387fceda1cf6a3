package io.releasekit.git;

import static io.releasekit.git.testkit.GitCli.revParse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.ConflictException;
import io.releasekit.core.scm.BranchName;
import io.releasekit.core.scm.BranchOutcome;
import io.releasekit.core.scm.CommitId;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.git.testkit.RepoFixture;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreateBranchTest {

    @TempDir
    Path tmp;

    RepoFixture fixture;
    SourceRepository repo;
    String first;
    String second;

    @BeforeEach
    void setUp() {
        fixture = RepoFixture.init(tmp.resolve("repo"));
        first = fixture.commit("main", "first", "VERSION", "1.0.0\n");
        second = fixture.commit("main", "second", "VERSION", "1.1.0\n");
        fixture.checkout("main");
        repo = fixture.open();
    }

    @AfterEach
    void tearDown() {
        repo.close();
        fixture.close();
    }

    @Test
    void createsABranchWithASlashInItsName() {
        BranchOutcome outcome = repo.createBranch("release/1.0").at(first).call();

        assertThat(outcome).isEqualTo(new BranchOutcome.Created(BranchName.of("release/1.0"), CommitId.of(first)));
        assertThat(revParse(fixture.dir(), "refs/heads/release/1.0")).isEqualTo(first);
    }

    @Test
    void answersAlreadyExistsAtTheSameCommitAndRefusesAnotherOne() {
        repo.createBranch("stable").at("main").call();
        Map<String, String> before = fixture.refs();

        assertThat(repo.createBranch("stable").at(second).call()).isInstanceOf(BranchOutcome.AlreadyExists.class);
        assertThatThrownBy(() -> repo.createBranch("stable").at(first).call())
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("branch 'stable' already exists at " + second.substring(0, 12));
        assertThat(fixture.refs()).isEqualTo(before);
    }

    @Test
    void resolvesRevisionsLikeGit() {
        repo.tag("v1.0.0").annotated("one").at(first).call();

        assertThat(repo.resolve("main")).isEqualTo(CommitId.of(second));
        assertThat(repo.resolve("v1.0.0")).isEqualTo(CommitId.of(first));
        assertThat(repo.resolve("refs/tags/v1.0.0")).isEqualTo(CommitId.of(first));
        assertThat(repo.resolve(first.substring(0, 10))).isEqualTo(CommitId.of(first));
        assertThat(repo.resolve("HEAD")).isEqualTo(CommitId.of(second));
        assertThat(repo.isAncestor(first, "main")).isTrue();
        assertThat(repo.isAncestor("main", first)).isFalse();
        assertThat(repo.readFile("v1.0.0", "VERSION")).contains("1.0.0\n");
        assertThat(repo.readFile("main", "nothing")).isEmpty();
        assertThat(repo.readVersion("main").toString()).isEqualTo("1.1.0");
    }
}
