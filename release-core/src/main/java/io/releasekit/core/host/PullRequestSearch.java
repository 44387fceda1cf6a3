package io.releasekit.core.host;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.scm.RefNames;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Pull requests merged within a date window (both days included, UTC), carrying every one of the labels, optionally
 * into one base branch. Seed 004's weekly blog post: merged in the last week with label {@code has-release-notes}.
 *
 * @param since the first day
 * @param until the last day
 * @param labels labels every pull request must carry; empty for any
 * @param base the branch the pull requests were merged into, if it matters
 */
public record PullRequestSearch(LocalDate since, LocalDate until, List<String> labels, Optional<String> base) {

    private static final Pattern LABEL = Pattern.compile("[^\"\\p{Cntrl}]{1,100}");

    public PullRequestSearch {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        if (until.isBefore(since)) {
            throw new InvalidInputException("window ends (" + until + ") before it starts (" + since + ")");
        }
        if (since.plusYears(1).isBefore(until)) {
            throw new InvalidInputException("window " + since + ".." + until + " is longer than a year");
        }
        labels = List.copyOf(labels);
        for (String l : labels) {
            if (!LABEL.matcher(l).matches()) {
                throw new InvalidInputException("label '" + l + "' is refused: 1-100 characters, no quotes");
            }
        }
        base = Objects.requireNonNull(base, "base");
        base.ifPresent(b -> RefNames.require("base branch", b));
    }

    /** Merged from {@code since} to {@code until}, any label, any base. */
    public static PullRequestSearch mergedBetween(LocalDate since, LocalDate until) {
        return new PullRequestSearch(since, until, List.of(), Optional.empty());
    }

    /** A copy that requires these labels. */
    public PullRequestSearch withLabels(List<String> value) {
        return new PullRequestSearch(since, until, value, base);
    }

    /** A copy restricted to one base branch. */
    public PullRequestSearch withBase(String value) {
        return new PullRequestSearch(since, until, labels, Optional.ofNullable(value));
    }
}
