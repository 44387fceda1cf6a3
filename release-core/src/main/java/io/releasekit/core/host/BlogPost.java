package io.releasekit.core.host;

import io.releasekit.core.InvalidInputException;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A draft of the weekly blog post of seed 004 ("Week 47 in Packit"): front matter, a heading with the dates, and per
 * repository one bullet per pull request that carries a release note, linked as {@code repo#123}. Pull requests without
 * a note (or that declined one) are listed in {@link #omitted()} for the writer to check, not in the post.
 *
 * @param title the post's title
 * @param markdown the whole post, front matter included
 * @param omitted pull requests left out, with the reason
 */
public record BlogPost(String title, String markdown, List<ReleaseNotes.Omitted> omitted) {

    public BlogPost {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(markdown, "markdown");
        omitted = List.copyOf(omitted);
    }

    /**
     * The merged pull requests of one repository.
     *
     * @param repository the name shown in the post and in links ({@code packit-service})
     * @param pullRequests its pull requests, oldest merge first
     */
    public record RepositoryChanges(String repository, List<PullRequest> pullRequests) {
        public RepositoryChanges {
            Objects.requireNonNull(repository, "repository");
            pullRequests = List.copyOf(pullRequests);
        }
    }

    /**
     * Drafts the post.
     *
     * @param project the project name in the title ({@code Packit})
     * @param since the first day of the window
     * @param until the last day of the window
     * @param date the post's date
     * @param authors the authors for the front matter; empty leaves a placeholder
     * @param repositories the changes, in the order the sections should appear
     */
    public static BlogPost draft(
            String project,
            LocalDate since,
            LocalDate until,
            LocalDate date,
            List<String> authors,
            List<RepositoryChanges> repositories) {
        if (project == null || project.isBlank() || project.length() > 100) {
            throw new InvalidInputException("project name '" + project + "' is refused: 1-100 characters");
        }
        if (until.isBefore(since)) {
            throw new InvalidInputException("window ends (" + until + ") before it starts (" + since + ")");
        }
        String weeks = weeks(since, until);
        String title = weeks + " in " + project.strip();
        StringBuilder b = new StringBuilder();
        b.append("---\n")
                .append("title: \"")
                .append(title.replace("\"", "\\\""))
                .append("\"\n")
                .append("date: ")
                .append(date)
                .append('\n')
                .append("authors: ")
                .append(authors.isEmpty() ? "TODO" : String.join(", ", authors))
                .append('\n')
                .append("tags:\n")
                .append("  - ")
                .append(since.getYear())
                .append('-')
                .append(month(since))
                .append('\n')
                .append("  - ")
                .append(since.getYear())
                .append('\n')
                .append("  - ")
                .append(month(since))
                .append('\n')
                .append("---\n\n")
                .append("## ")
                .append(weeks)
                .append(" (")
                .append(day(since))
                .append(" – ")
                .append(day(until))
                .append(")\n");
        List<ReleaseNotes.Omitted> omitted = new ArrayList<>();
        for (RepositoryChanges repo : repositories) {
            ReleaseNotes notes = ReleaseNotes.compose(
                    repo.pullRequests(), NotesConfig.defaults().withHeading("").withTitleFallback(false));
            omitted.addAll(notes.omitted());
            if (notes.isEmpty()) {
                continue;
            }
            b.append("\n### ").append(repo.repository()).append("\n\n");
            for (ReleaseNotes.Entry e : notes.entries()) {
                b.append(ReleaseNotes.bullet(
                        e.text(),
                        e.pullRequest(),
                        repo.repository() + "#" + e.pullRequest().number()));
            }
        }
        return new BlogPost(title, b.toString(), omitted);
    }

    /**
     * The same post under another title (front matter included), e.g. from a template: {@code "Packit in November
     * 2026"}.
     *
     * @throws InvalidInputException when the title is blank, longer than 200 characters or spans lines
     */
    public BlogPost retitled(String newTitle) {
        if (newTitle == null || newTitle.isBlank() || newTitle.length() > 200 || newTitle.contains("\n")) {
            throw new InvalidInputException(
                    "blog post title '" + newTitle + "' is refused: 1-200 characters, one line");
        }
        String before = "title: \"" + title.replace("\"", "\\\"") + "\"\n";
        String after = "title: \"" + newTitle.strip().replace("\"", "\\\"") + "\"\n";
        return new BlogPost(newTitle.strip(), markdown.replace(before, after), omitted);
    }

    private static String weeks(LocalDate since, LocalDate until) {
        int first = since.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        // A window that ends on a Monday (seed 004 deploys on Mondays) reports on the week before it.
        LocalDate end = until.getDayOfWeek().getValue() == 1 && until.isAfter(since) ? until.minusDays(1) : until;
        int last = end.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        return first == last ? "Week " + first : "Weeks " + first + "–" + last;
    }

    private static String month(LocalDate d) {
        return d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    private static String day(LocalDate d) {
        int n = d.getDayOfMonth();
        String suffix = (n % 100 >= 11 && n % 100 <= 13)
                ? "th"
                : switch (n % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return month(d) + " " + n + suffix;
    }
}
