package io.releasekit.git;

import static io.releasekit.git.testkit.GitCli.show;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.scm.CommitOutcome;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.git.testkit.GitCli;
import io.releasekit.git.testkit.RepoFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code commitFile(...).alsoFile(...)}: several files in one commit (the chart bump writes Chart.yaml and values). */
class CommitSeveralFilesTest {

    @TempDir
    Path tmp;

    RepoFixture fixture;
    SourceRepository repo;
    String head;

    @BeforeEach
    void setUp() {
        fixture = RepoFixture.init(tmp.resolve("repo"));
        head = fixture.commit("main", "Add chart", "c/Chart.yaml", "version: 1.0.0\n", "c/values.yaml", "tag: a\n");
        fixture.checkout("main");
        repo = fixture.open();
    }

    @AfterEach
    void tearDown() {
        repo.close();
        fixture.close();
    }

    @Test
    void writesEveryFileInOneCommitAfterADryRunThatWritesNothing() throws Exception {
        CommitOutcome dry = repo.commitFile("main", "c/Chart.yaml", "version: 1.0.1\n")
                .alsoFile("c/values.yaml", "tag: b\n")
                .alsoFile("c/NOTES.txt", "new\n")
                .dryRun(true)
                .call();
        assertThat(dry).isInstanceOf(CommitOutcome.Committed.class);
        assertThat(fixture.head("main")).isEqualTo(head);

        CommitOutcome real = repo.commitFile("main", "c/Chart.yaml", "version: 1.0.1\n")
                .alsoFile("c/values.yaml", "tag: b\n")
                .alsoFile("c/NOTES.txt", "new\n")
                .message("Bump chart c to 1.0.1")
                .call();

        assertThat(((CommitOutcome.Committed) real).oldHead().value()).isEqualTo(head);
        assertThat(GitCli.git(fixture.dir(), "rev-parse", "main~1")).isEqualTo(head);
        assertThat(show(fixture.dir(), "main", "c/Chart.yaml")).isEqualTo("version: 1.0.1");
        assertThat(show(fixture.dir(), "main", "c/values.yaml")).isEqualTo("tag: b");
        assertThat(show(fixture.dir(), "main", "c/NOTES.txt")).isEqualTo("new");
        assertThat(GitCli.status(fixture.dir())).isEmpty();
    }

    @Test
    void isUnchangedWhenEveryFileHasItsContentAndRefusesAFileTwice() {
        assertThat(repo.commitFile("main", "c/Chart.yaml", "version: 1.0.0\n")
                        .alsoFile("c/values.yaml", "tag: a\n")
                        .call())
                .isInstanceOf(CommitOutcome.Unchanged.class);
        assertThatThrownBy(() -> repo.commitFile("main", "c/Chart.yaml", "x\n").alsoFile("c/Chart.yaml", "y\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("already part of this commit");
    }
}
