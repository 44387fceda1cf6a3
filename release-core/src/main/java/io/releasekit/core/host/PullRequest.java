package io.releasekit.core.host;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A merged pull request, as much of it as release notes need.
 *
 * @param number its number in the repository
 * @param title its title
 * @param body its description in Markdown; empty when there is none
 * @param labels its label names
 * @param author the login of its author; empty when unknown
 * @param mergedAt when it was merged, if known
 * @param url its web page
 */
public record PullRequest(
        int number,
        String title,
        String body,
        List<String> labels,
        String author,
        Optional<Instant> mergedAt,
        String url) {

    public PullRequest {
        title = title == null ? "" : title;
        body = body == null ? "" : body;
        labels = List.copyOf(labels);
        author = author == null ? "" : author;
        mergedAt = Objects.requireNonNull(mergedAt, "mergedAt");
        url = url == null ? "" : url;
    }

    /** Whether it carries a label (compared without regard to case, as GitHub does). */
    public boolean hasLabel(String label) {
        return labels.stream().anyMatch(l -> l.equalsIgnoreCase(label));
    }
}
