package io.releasekit.api.github;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Which merged pull requests to compose notes from — between two refs ({@code from}, {@code to}) or within a date
 * window ({@code since}, {@code until}, ISO dates, both included) — and how.
 *
 * @param from the older ref (e.g. the previous release tag)
 * @param to the newer ref (e.g. main or the release commit)
 * @param since the first day of the window
 * @param until the last day of the window
 * @param labels for a window: labels every pull request must carry
 * @param base for a window: the branch they were merged into
 * @param categories sections, as in GitHub's release.yml; empty for one flat list
 * @param excludeLabels pull requests with these labels are left out
 * @param excludeAuthors pull requests by these logins are left out
 * @param heading the heading above the notes (default "What's Changed"; "" for none)
 * @param titleFallback list a pull request without a note by its title (default true)
 */
@Serdeable
public record ReleaseNotesRequest(
        @Nullable String from,
        @Nullable String to,
        @Nullable String since,
        @Nullable String until,
        @Nullable List<String> labels,
        @Nullable String base,
        @Nullable List<CategoryRequest> categories,
        @Nullable List<String> excludeLabels,
        @Nullable List<String> excludeAuthors,
        @Nullable String heading,
        @Nullable Boolean titleFallback) {

    /**
     * A section of the notes.
     *
     * @param title its heading
     * @param labels labels selecting a pull request ("*" for any)
     * @param excludeLabels labels keeping a pull request out of it
     */
    @Serdeable
    @Schema(name = "ReleaseNotesCategory")
    public record CategoryRequest(String title, List<String> labels, @Nullable List<String> excludeLabels) {}
}
