package io.releasekit.api.github;

import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.host.PullRequest;
import io.releasekit.core.host.ReleaseNotes;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Composed release notes.
 *
 * @param markdown the notes as Markdown
 * @param sections the sections and their entries
 * @param omitted the pull requests left out, and why
 */
@Serdeable
@Schema(name = "ReleaseNotes")
public record ReleaseNotesView(String markdown, List<SectionView> sections, List<OmittedView> omitted) {

    /**
     * A section.
     *
     * @param title its heading ("" for an uncategorised list)
     * @param entries its entries
     */
    @Serdeable
    @Schema(name = "ReleaseNotesSection")
    public record SectionView(String title, List<EntryView> entries) {}

    /**
     * One pull request's note.
     *
     * @param number the pull request number
     * @param title its title
     * @param url its web page
     * @param text the note
     */
    @Serdeable
    @Schema(name = "ReleaseNotesEntry")
    public record EntryView(int number, String title, String url, String text) {}

    /**
     * A pull request left out.
     *
     * @param number its number
     * @param title its title
     * @param reason why
     */
    @Serdeable
    @Schema(name = "OmittedPullRequest")
    public record OmittedView(int number, String title, String reason) {}

    static ReleaseNotesView of(ReleaseNotes n) {
        return new ReleaseNotesView(
                n.markdown(),
                n.sections().stream()
                        .map(s -> new SectionView(
                                s.title(),
                                s.entries().stream()
                                        .map(e -> new EntryView(
                                                e.pullRequest().number(),
                                                e.pullRequest().title(),
                                                e.pullRequest().url(),
                                                e.text()))
                                        .toList()))
                        .toList(),
                omitted(n.omitted()));
    }

    static List<OmittedView> omitted(List<ReleaseNotes.Omitted> omitted) {
        return omitted.stream()
                .map(o -> {
                    PullRequest pr = o.pullRequest();
                    return new OmittedView(pr.number(), pr.title(), o.reason());
                })
                .toList();
    }
}
