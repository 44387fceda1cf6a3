package io.releasekit.git;

import static io.releasekit.git.testkit.GitCli.catFile;
import static io.releasekit.git.testkit.GitCli.show;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.scm.CommitId;
import io.releasekit.core.scm.CommitOutcome;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.git.testkit.GitCli;
import io.releasekit.git.testkit.RepoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitFileTest {

    @TempDir
    Path tmp;

    RepoFixture fixture;
    SourceRepository repo;
    String head;

    @BeforeEach
    void setUp() {
        fixture = RepoFixture.init(tmp.resolve("repo"));
        head = fixture.commit("main", "Release 2.1.0", "VERSION", "2.1.0\n", "src/app.txt", "a\n");
        fixture.checkout("main");
        repo = fixture.open();
    }

    @AfterEach
    void tearDown() {
        repo.close();
        fixture.close();
    }

    @Test
    void commitsAVersionBumpAsTheConfiguredIdentity() throws Exception {
        CommitOutcome outcome = repo.setVersion("main", "2.2.0-dev").call();

        CommitOutcome.Committed committed = (CommitOutcome.Committed) outcome;
        assertThat(committed.oldHead()).isEqualTo(CommitId.of(head));
        assertThat(fixture.head("main")).isEqualTo(committed.newHead().value());
        assertThat(show(fixture.dir(), "main", "VERSION")).isEqualTo("2.2.0-dev");
        assertThat(catFile(fixture.dir(), "main"))
                .contains("author Release Bot <release-bot@example.com>")
                .contains("committer Release Bot <release-bot@example.com>")
                .contains("Set VERSION to 2.2.0-dev");
        assertThat(Files.readString(fixture.dir().resolve("VERSION"))).isEqualTo("2.2.0-dev\n");
        assertThat(GitCli.status(fixture.dir())).isEmpty();
    }

    @Test
    void answersUnchangedWhenTheContentIsAlreadyThere() {
        Map<String, String> before = fixture.refs();

        assertThat(repo.setVersion("main", "2.1.0").call()).isInstanceOf(CommitOutcome.Unchanged.class);
        assertThat(fixture.refs()).isEqualTo(before);
    }

    @Test
    void commitsANewFileInANewDirectoryWithAMessage() {
        repo.commitFile("main", "docs/releases/2.1.0.md", "# 2.1.0\n")
                .message("Record 2.1.0")
                .call();

        assertThat(show(fixture.dir(), "main", "docs/releases/2.1.0.md")).isEqualTo("# 2.1.0");
        assertThat(show(fixture.dir(), "main", "src/app.txt")).isEqualTo("a");
        assertThat(GitCli.git(fixture.dir(), "log", "-1", "--format=%s", "main"))
                .isEqualTo("Record 2.1.0");
    }

    @Test
    void dryRunWritesNothing() {
        Map<String, String> before = fixture.refs();
        Set<String> objects = GitCli.objectFiles(fixture.gitDir());

        CommitOutcome outcome =
                repo.setVersion("main", "2.2.0-dev").dryRun(true).call();

        assertThat(outcome).isInstanceOf(CommitOutcome.Committed.class);
        assertThat(fixture.refs()).isEqualTo(before);
        assertThat(GitCli.objectFiles(fixture.gitDir())).isEqualTo(objects);
    }

    @Test
    void refusesBadInputBeforeAnythingRuns() {
        assertThatThrownBy(() -> repo.setVersion("main", "v2.2.0")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> repo.commitFile("main", "../outside", "x")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> repo.commitFile("main", ".git/config", "x")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> repo.commitFile("main", "VERSION/inside", "x").call())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'VERSION' is a file");
    }
}
