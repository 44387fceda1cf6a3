package io.releasekit.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReleaseNotesTest {

    static PullRequest pr(int number, String title, String body, String... labels) {
        return new PullRequest(
                number,
                title,
                body,
                List.of(labels),
                "dev" + number,
                Optional.of(Instant.parse("2025-11-18T10:00:00Z").plusSeconds(number)),
                "https://github.com/packit/packit/pull/" + number);
    }

    @Test
    void groupsIntoCategoriesLikeGithubReleaseYml() {
        List<PullRequest> prs = List.of(
                pr(1, "Add aliases", "Intro\n\nAliases for `fedora-rawhide`.", "enhancement"),
                pr(2, "Fix crash", "RELEASE NOTES BEGIN\nNo crash on empty changelog.\nRELEASE NOTES END", "bug"),
                pr(3, "Bump deps", "n/a", "dependencies"),
                pr(4, "Tidy CI", "", "ci"),
                pr(5, "Breaking: drop py3.8", "Python 3.8 is no longer supported.", "breaking", "enhancement"));
        NotesConfig config = NotesConfig.defaults()
                .withCategories(List.of(
                        NotesCategory.of("Breaking Changes", "breaking"),
                        NotesCategory.of("Features", "enhancement"),
                        NotesCategory.of("Fixes", "bug")))
                .withExcludeLabels(List.of("ci"));

        ReleaseNotes notes = ReleaseNotes.compose(prs, config);

        assertThat(notes.markdown())
                .isEqualTo(
                        """
                        ## What's Changed

                        ### Breaking Changes

                        - Python 3.8 is no longer supported. ([#5](https://github.com/packit/packit/pull/5))

                        ### Features

                        - Aliases for `fedora-rawhide`. ([#1](https://github.com/packit/packit/pull/1))

                        ### Fixes

                        - No crash on empty changelog. ([#2](https://github.com/packit/packit/pull/2))
                        """);
        assertThat(notes.omitted())
                .extracting(o -> o.pullRequest().number() + ":" + o.reason())
                .containsExactly("3:note declined (n/a or none)", "4:excluded by label 'ci'");
    }

    @Test
    void putsUnmatchedPullRequestsUnderOtherChangesAndHonoursWildcardAndCategoryExcludes() {
        List<PullRequest> prs = List.of(
                pr(1, "Docs", "Better docs.", "docs"), pr(2, "Chore", "Internal.", "chore"), pr(3, "Misc", "Misc."));
        NotesConfig config = NotesConfig.defaults()
                .withCategories(List.of(
                        new NotesCategory("Everything but chores", List.of("*"), List.of("chore")),
                        NotesCategory.of("Docs", "docs")));

        ReleaseNotes notes = ReleaseNotes.compose(prs, config);

        assertThat(notes.sections())
                .extracting(s -> s.title() + "="
                        + s.entries().stream()
                                .map(e -> e.pullRequest().number())
                                .toList())
                .containsExactly("Everything but chores=[1, 3]", "Other Changes=[2]");
    }

    @Test
    void fallsBackToTheTitleOnlyWhenAllowed() {
        List<PullRequest> prs = List.of(pr(7, "Speed up search", ""));

        assertThat(ReleaseNotes.compose(prs, NotesConfig.defaults()).markdown())
                .contains("- Speed up search ([#7](https://github.com/packit/packit/pull/7))");
        ReleaseNotes strict = ReleaseNotes.compose(prs, NotesConfig.defaults().withTitleFallback(false));
        assertThat(strict.isEmpty()).isTrue();
        assertThat(strict.markdown()).contains("No user-facing changes.");
    }

    @Test
    void indentsMultiLineNotesAndNestsNotesThatAreLists() {
        List<PullRequest> prs = List.of(
                pr(1, "Two lines", "First line.\nSecond line."),
                pr(2, "CLI improvements", "Intro.\n\n- `init` writes comments\n- `validate` explains keys"));

        String md = ReleaseNotes.compose(prs, NotesConfig.defaults().withHeading(""))
                .markdown();

        assertThat(md)
                .isEqualTo(
                        """
                        - First line.
                          Second line. ([#1](https://github.com/packit/packit/pull/1))
                        - CLI improvements ([#2](https://github.com/packit/packit/pull/2))
                          - `init` writes comments
                          - `validate` explains keys
                        """);
    }

    @Test
    void excludesAuthorsAndDeduplicatesPullRequests() {
        PullRequest bot = new PullRequest(9, "Bump x", "Bumps x.", List.of(), "dependabot[bot]", Optional.empty(), "");
        List<PullRequest> prs = List.of(pr(1, "A", "Note A."), pr(1, "A", "Note A."), bot);

        ReleaseNotes notes =
                ReleaseNotes.compose(prs, NotesConfig.defaults().withExcludeAuthors(List.of("Dependabot[bot]")));

        assertThat(notes.entries()).hasSize(1);
        assertThat(notes.omitted()).singleElement().satisfies(o -> assertThat(o.reason())
                .contains("dependabot"));
    }
}
