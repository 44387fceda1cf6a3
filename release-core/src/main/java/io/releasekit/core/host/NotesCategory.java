package io.releasekit.core.host;

import io.releasekit.core.InvalidInputException;
import java.util.List;

/**
 * A section of release notes, as in GitHub's {@code .github/release.yml}: pull requests carrying any of the labels
 * ({@code *} for any) and none of the excluded ones. A pull request goes to the first category it matches.
 *
 * @param title the section heading, e.g. {@code Exciting New Features 🎉}
 * @param labels labels that select a pull request; {@code *} selects every one
 * @param excludeLabels labels that keep a pull request out of this section
 */
public record NotesCategory(String title, List<String> labels, List<String> excludeLabels) {

    /** The label that matches every pull request. */
    public static final String ANY = "*";

    public NotesCategory {
        if (title == null || title.isBlank() || title.length() > 200) {
            throw new InvalidInputException("category title '" + title + "' is refused: 1-200 characters");
        }
        labels = NotesConfig.names("category '" + title + "' labels", labels);
        if (labels.isEmpty()) {
            throw new InvalidInputException("category '" + title + "' has no labels; use \"*\" for every pull request");
        }
        excludeLabels = NotesConfig.names("category '" + title + "' excludeLabels", excludeLabels);
    }

    /** A category of the given labels. */
    public static NotesCategory of(String title, String... labels) {
        return new NotesCategory(title, List.of(labels), List.of());
    }

    /** Whether a pull request belongs here. */
    public boolean matches(PullRequest pr) {
        if (excludeLabels.stream().anyMatch(pr::hasLabel)) {
            return false;
        }
        return labels.contains(ANY) || labels.stream().anyMatch(pr::hasLabel);
    }
}
