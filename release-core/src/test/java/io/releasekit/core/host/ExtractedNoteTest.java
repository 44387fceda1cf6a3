package io.releasekit.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.core.host.ExtractedNote.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExtractedNoteTest {

    @Test
    void takesTheTextBetweenTheMarkers() {
        String body =
                """
                TODO:

                - [x] Write new tests

                Fixes #2212

                RELEASE NOTES BEGIN

                Packit now supports `fedora-rawhide` aliases in `dist_git_branches`.

                RELEASE NOTES END
                """;

        assertThat(ExtractedNote.of(body))
                .isEqualTo(new ExtractedNote(
                        Kind.NOTE, "Packit now supports `fedora-rawhide` aliases in `dist_git_branches`."));
    }

    @Test
    void takesMarkersWrappedInHtmlComments() {
        String body = "Refactors the handler.\n\n<!-- RELEASE NOTES BEGIN -->\nYou can now retrigger builds"
                + " with `/packit rebuild`.\n<!-- RELEASE NOTES END -->\n\nMore internal details.";

        assertThat(ExtractedNote.of(body).text()).isEqualTo("You can now retrigger builds with `/packit rebuild`.");
    }

    @Test
    void ignoresMarkersMentionedInsideATemplateComment() {
        String body = "<!-- Write the note between RELEASE NOTES BEGIN and RELEASE NOTES END below. -->\n\n"
                + "Fixes a crash.\n\nThe `copr_build` job no longer crashes on empty changelogs.";

        assertThat(ExtractedNote.of(body).text())
                .isEqualTo("The `copr_build` job no longer crashes on empty changelogs.");
    }

    @Test
    void takesTheLastParagraphWithoutMarkers() {
        String body = "This PR reworks the parser.\n\nIt also adds tests.\n\nSpecfile parsing is now 3x faster.\n";

        assertThat(ExtractedNote.of(body).text()).isEqualTo("Specfile parsing is now 3x faster.");
    }

    @Test
    void keepsAMarkdownListAsTheNote() {
        String body = "Summary of the change.\n\n- `packit init` writes a commented config\n"
                + "- `packit validate-config` explains unknown keys\n";

        assertThat(ExtractedNote.of(body).text())
                .isEqualTo(
                        "- `packit init` writes a commented config\n- `packit validate-config` explains unknown keys");
    }

    @Test
    void normalisesCrlfLineEndingsAndTrailingWhitespace() {
        String body =
                "Intro.\r\n\r\nRELEASE NOTES BEGIN   \r\nFirst line.   \r\nSecond line.\t\r\nRELEASE NOTES END\r\n";

        assertThat(ExtractedNote.of(body).text()).isEqualTo("First line.\nSecond line.");
    }

    @Test
    void findsNothingInABodyThatIsOnlyTheTemplate() {
        String body =
                """
                TODO:

                - [ ] ‹fill in›

                <!-- notes for reviewers -->

                <!-- Links to other issues or pull requests,
                     for cross-repository links use: ‹namespace›/‹repository›#‹ID of issue›
                -->

                ---

                <!-- release notes for blog follow -->
                """;

        assertThat(ExtractedNote.of(body).kind()).isEqualTo(Kind.ABSENT);
    }

    @Test
    void findsTheNoteAfterTheTemplateSeparator() {
        String body = "TODO:\n\n- [x] tests\n\nFixes #12\n\n---\n\n<!-- release notes for blog follow -->\n\n"
                + "Packit now comments on the pull request when a Koji build fails.\n";

        assertThat(ExtractedNote.of(body).text())
                .isEqualTo("Packit now comments on the pull request when a Koji build fails.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"n/a", "N/A", "N/A.", "none", "None.", "NONE!", "  n/a  ", "(none)"})
    void treatsNaAndNoneAsDeclined(String note) {
        assertThat(ExtractedNote.of("Internal refactoring.\n\n" + note).kind()).isEqualTo(Kind.DECLINED);
        assertThat(ExtractedNote.of("RELEASE NOTES BEGIN\n" + note + "\nRELEASE NOTES END")
                        .kind())
                .isEqualTo(Kind.DECLINED);
    }

    @Test
    void doesNotTreatAWordStartingWithNoneAsDeclined() {
        assertThat(ExtractedNote.of("Nonexistent targets are now reported.").kind())
                .isEqualTo(Kind.NOTE);
    }

    @Test
    void dropsTrailersAndAnUnclosedComment() {
        String body = "Adds retries to the Copr client.\nSigned-off-by: Jane Doe <jane@example.org>\n\n<!-- unfinished";

        assertThat(ExtractedNote.of(body).text()).isEqualTo("Adds retries to the Copr client.");
    }

    @Test
    void takesTheRestWhenTheEndMarkerIsMissing() {
        assertThat(ExtractedNote.of("RELEASE NOTES BEGIN\nOnly a start marker.\n")
                        .text())
                .isEqualTo("Only a start marker.");
    }

    @Test
    void findsNothingInAnEmptyOrNullBody() {
        assertThat(ExtractedNote.of(null).kind()).isEqualTo(Kind.ABSENT);
        assertThat(ExtractedNote.of("  \r\n ").kind()).isEqualTo(Kind.ABSENT);
        assertThat(ExtractedNote.of("RELEASE NOTES BEGIN\n\nRELEASE NOTES END").kind())
                .isEqualTo(Kind.ABSENT);
    }
}
