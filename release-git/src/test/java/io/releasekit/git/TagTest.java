package io.releasekit.git;

import static io.releasekit.git.testkit.GitCli.catFile;
import static io.releasekit.git.testkit.GitCli.revParse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.scm.RepositoryTag;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.scm.TagOutcome;
import io.releasekit.git.testkit.GitCli;
import io.releasekit.git.testkit.RepoFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagTest {

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
        second = fixture.commit("main", "second", "README", "hello\n");
        fixture.checkout("main");
        repo = fixture.open();
    }

    @AfterEach
    void tearDown() {
        repo.close();
        fixture.close();
    }

    @Test
    void listsTagsWithTheirCommitsAndKindsInSemVerOrderAfterThePrefix() {
        GitCli.git(fixture.dir(), "tag", "v1.10.0", second);
        GitCli.git(
                fixture.dir(),
                "-c",
                "user.name=T",
                "-c",
                "user.email=t@example.org",
                "tag",
                "-a",
                "-m",
                "rc",
                "v1.2.0-rc.1",
                first);
        GitCli.git(fixture.dir(), "tag", "v1.2.0", first);
        GitCli.git(fixture.dir(), "tag", "v1.9.0", second);
        GitCli.git(fixture.dir(), "tag", "snapshot", second);
        // a tag of a tree (not a commit) is no release: it is left out
        GitCli.git(fixture.dir(), "tag", "v0.0.1-tree", second + "^{tree}");

        List<RepositoryTag> all = repo.tags("");
        List<RepositoryTag> v = repo.tags("v");

        assertThat(v).extracting(t -> t.name().value()).containsExactly("v1.2.0-rc.1", "v1.2.0", "v1.9.0", "v1.10.0");
        assertThat(v.get(0)).isEqualTo(new RepositoryTag(tag("v1.2.0-rc.1"), id(first), true));
        assertThat(v.get(3))
                .isEqualTo(new RepositoryTag(tag("v1.10.0"), id(revParse(fixture.dir(), "v1.10.0")), false));
        assertThat(all)
                .extracting(t -> t.name().value())
                .containsExactly("v1.2.0-rc.1", "v1.2.0", "v1.9.0", "v1.10.0", "snapshot");
        assertThat(repo.tags("release-")).isEmpty();
    }

    @Test
    void createsAnAnnotatedTagWithTheConfiguredTagger() {
        TagOutcome outcome =
                repo.tag("v1.0.0").annotated("Release 1.0.0").at("main").call();

        assertThat(outcome).isEqualTo(new TagOutcome.Created(tag("v1.0.0"), id(second), true));
        assertThat(revParse(fixture.dir(), "v1.0.0^{commit}")).isEqualTo(second);
        String tagObject = catFile(fixture.dir(), "v1.0.0");
        assertThat(tagObject)
                .contains("object " + second)
                .contains("type commit")
                .contains("tag v1.0.0")
                .contains("tagger Release Bot <release-bot@example.com>")
                .endsWith("Release 1.0.0");
    }

    @Test
    void createsALightweightTagAtAnOlderCommit() {
        TagOutcome outcome = repo.tag("v0.9.0").at(first).call();

        assertThat(outcome).isEqualTo(new TagOutcome.Created(tag("v0.9.0"), id(first), false));
        assertThat(revParse(fixture.dir(), "refs/tags/v0.9.0")).isEqualTo(first);
        assertThat(GitCli.git(fixture.dir(), "cat-file", "-t", "v0.9.0")).isEqualTo("commit");
    }

    @Test
    void answersAlreadyExistsForTheSameTagAtTheSameCommit() {
        repo.tag("v1.0.0").annotated("Release 1.0.0").at("main").call();
        Map<String, String> before = fixture.refs();

        TagOutcome again =
                repo.tag("v1.0.0").annotated("Release 1.0.0").at(second).call();

        assertThat(again).isEqualTo(new TagOutcome.AlreadyExists(tag("v1.0.0"), id(second), true));
        assertThat(fixture.refs()).isEqualTo(before);
    }

    @Test
    void refusesAnAnnotatedTagWhereALightweightTagOfThatNameExistsAtTheCommit() {
        repo.tag("v1.0.0").at(second).call();
        Map<String, String> before = fixture.refs();

        assertThatThrownBy(() ->
                        repo.tag("v1.0.0").annotated("Release 1.0.0").at(second).call())
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("tag 'v1.0.0' already exists at " + second.substring(0, 12)
                        + " as a lightweight tag, but an annotated tag was asked for");
        assertThat(fixture.refs()).isEqualTo(before);
        assertThat(GitCli.git(fixture.dir(), "cat-file", "-t", "v1.0.0")).isEqualTo("commit");
    }

    @Test
    void answersAlreadyExistsForALightweightTagWhereAnAnnotatedTagOfThatNameExistsAtTheCommit() {
        repo.tag("v1.0.0").annotated("Release 1.0.0").at(second).call();
        Map<String, String> before = fixture.refs();

        // any tag at the commit is what a lightweight tag asks for
        assertThat(repo.tag("v1.0.0").at(second).call())
                .isEqualTo(new TagOutcome.AlreadyExists(tag("v1.0.0"), id(second), true));
        assertThat(fixture.refs()).isEqualTo(before);
    }

    @Test
    void refusesToMoveATagToAnotherCommit() {
        repo.tag("v1.0.0").at(first).call();
        Map<String, String> before = fixture.refs();

        assertThatThrownBy(() -> repo.tag("v1.0.0").at("main").call())
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("tag 'v1.0.0' already points at " + first.substring(0, 12))
                .hasMessageContaining("never moved");
        assertThat(fixture.refs()).isEqualTo(before);
    }

    @Test
    void dryRunReportsTheTagAndWritesNothing() {
        Map<String, String> refs = fixture.refs();
        Set<String> objects = GitCli.objectFiles(fixture.gitDir());

        TagOutcome outcome =
                repo.tag("v1.0.0").annotated("Release").at("main").dryRun(true).call();

        assertThat(outcome).isEqualTo(new TagOutcome.Created(tag("v1.0.0"), id(second), true));
        assertThat(fixture.refs()).isEqualTo(refs);
        assertThat(GitCli.objectFiles(fixture.gitDir())).isEqualTo(objects);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a..b", "-x", "x.lock", "a@{b", "has space", "ctl\u0001char", "trailing/", "tab\tname"})
    void refusesInvalidTagNamesBeforeAnythingRuns(String bad) {
        Map<String, String> before = fixture.refs();

        assertThatThrownBy(() -> repo.tag(bad))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not a valid git ref name");
        assertThat(fixture.refs()).isEqualTo(before);
    }

    @Test
    void refusesATagNameOf300Characters() {
        assertThatThrownBy(() -> repo.tag("v".repeat(300)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("300 characters");
    }

    @Test
    void namesAMissingTarget() {
        assertThatThrownBy(() -> repo.tag("v1").at("nope").call())
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("revision 'nope' does not exist in repository 'repo'");
    }

    @Test
    void aCommandRunsOnlyOnce() {
        var command = repo.tag("v1.0.0").at("main");
        command.call();
        assertThatThrownBy(command::call).isInstanceOf(IllegalStateException.class);
    }

    static io.releasekit.core.scm.TagName tag(String name) {
        return io.releasekit.core.scm.TagName.of(name);
    }

    static io.releasekit.core.scm.CommitId id(String id) {
        return io.releasekit.core.scm.CommitId.of(id);
    }
}
