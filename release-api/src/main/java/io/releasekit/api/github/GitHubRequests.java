package io.releasekit.api.github;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.host.NotesCategory;
import io.releasekit.core.host.NotesConfig;
import io.releasekit.core.host.PullRequestSearch;
import io.releasekit.core.version.Bump;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns request bodies and query values into the core's records, naming the bad value in every error. */
final class GitHubRequests {

    private GitHubRequests() {}

    static Bump bump(String value) {
        String b = value == null || value.isBlank() ? "PATCH" : value.strip().toUpperCase(Locale.ROOT);
        try {
            return Bump.valueOf(b);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("bump must be PATCH, MINOR or MAJOR, was '" + value + "'");
        }
    }

    static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field + " must be an ISO date (2025-11-24), was '" + value + "'");
        }
    }

    static NotesConfig notesConfig(ReleaseNotesRequest r) {
        List<NotesCategory> categories = r.categories() == null
                ? List.of()
                : r.categories().stream()
                        .map(c -> new NotesCategory(
                                c.title(),
                                c.labels() == null ? List.of() : c.labels(),
                                c.excludeLabels() == null ? List.of() : c.excludeLabels()))
                        .toList();
        NotesConfig config = NotesConfig.defaults()
                .withCategories(categories)
                .withExcludeLabels(r.excludeLabels() == null ? List.of() : r.excludeLabels())
                .withExcludeAuthors(r.excludeAuthors() == null ? List.of() : r.excludeAuthors())
                .withTitleFallback(r.titleFallback() == null || r.titleFallback());
        return r.heading() == null ? config : config.withHeading(r.heading());
    }

    /** The window of a notes request, or empty when it names two refs instead. */
    static Optional<PullRequestSearch> window(ReleaseNotesRequest r) {
        boolean refs = r.from() != null || r.to() != null;
        boolean dates = r.since() != null || r.until() != null;
        if (refs == dates) {
            throw new InvalidInputException(
                    "give either 'from' and 'to' (two refs) or 'since' and 'until' (a date window), not "
                            + (refs ? "both" : "neither"));
        }
        if (refs) {
            if (r.from() == null || r.to() == null) {
                throw new InvalidInputException("both 'from' and 'to' are needed for notes between two refs");
            }
            return Optional.empty();
        }
        if (r.since() == null || r.until() == null) {
            throw new InvalidInputException("both 'since' and 'until' are needed for a date window");
        }
        PullRequestSearch s = PullRequestSearch.mergedBetween(date("since", r.since()), date("until", r.until()))
                .withLabels(r.labels() == null ? List.of() : r.labels());
        return Optional.of(r.base() == null ? s : s.withBase(r.base()));
    }
}
