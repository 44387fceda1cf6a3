package io.releasekit.core.host;

import io.releasekit.core.InvalidInputException;
import java.util.List;
import java.util.Objects;

/**
 * How release notes are composed from merged pull requests: the categories (GitHub's {@code release.yml}
 * {@code changelog.categories}), the labels and authors excluded everywhere ({@code changelog.exclude}), and whether
 * a pull request without a note in its description is listed by its title.
 *
 * @param heading the heading above the notes ({@code What's Changed}); empty for none
 * @param categories the sections, in order; empty for one flat list
 * @param excludeLabels pull requests with any of these labels are left out
 * @param excludeAuthors pull requests by these logins are left out (bots, e.g. {@code dependabot[bot]})
 * @param otherTitle the section for pull requests no category matched
 * @param titleFallback whether a pull request whose description has no note is listed by its title (GitHub's way);
 *     {@code false} leaves it out (Packit's way: only what authors wrote for the notes)
 */
public record NotesConfig(
        String heading,
        List<NotesCategory> categories,
        List<String> excludeLabels,
        List<String> excludeAuthors,
        String otherTitle,
        boolean titleFallback) {

    public NotesConfig {
        heading = heading == null ? "" : heading.strip();
        categories = List.copyOf(Objects.requireNonNull(categories, "categories"));
        excludeLabels = names("excludeLabels", excludeLabels);
        excludeAuthors = names("excludeAuthors", excludeAuthors);
        otherTitle = otherTitle == null || otherTitle.isBlank() ? "Other Changes" : otherTitle.strip();
    }

    /**
     * A list of labels or logins, checked: no {@code null} and no blank entry (either would match nothing, or fail
     * later).
     *
     * @param what the list's name, for the message ({@code excludeAuthors})
     * @throws InvalidInputException naming the list and the index of the bad entry
     */
    static List<String> names(String what, List<String> values) {
        if (values == null) {
            throw new InvalidInputException(what + " is required (an empty list for none)");
        }
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v == null || v.isBlank()) {
                throw new InvalidInputException(
                        what + "[" + i + "] is " + (v == null ? "null" : "blank") + ": give a name or leave it out");
            }
        }
        return List.copyOf(values);
    }

    /** One flat list under "What's Changed", titles for pull requests without a note. */
    public static NotesConfig defaults() {
        return new NotesConfig("What's Changed", List.of(), List.of(), List.of(), "Other Changes", true);
    }

    /** A copy with these categories. */
    public NotesConfig withCategories(List<NotesCategory> value) {
        return new NotesConfig(heading, value, excludeLabels, excludeAuthors, otherTitle, titleFallback);
    }

    /** A copy that excludes these labels everywhere. */
    public NotesConfig withExcludeLabels(List<String> value) {
        return new NotesConfig(heading, categories, value, excludeAuthors, otherTitle, titleFallback);
    }

    /** A copy that excludes these authors everywhere. */
    public NotesConfig withExcludeAuthors(List<String> value) {
        return new NotesConfig(heading, categories, excludeLabels, value, otherTitle, titleFallback);
    }

    /** A copy with another heading; empty for none. */
    public NotesConfig withHeading(String value) {
        return new NotesConfig(value, categories, excludeLabels, excludeAuthors, otherTitle, titleFallback);
    }

    /** A copy that lists (or leaves out) pull requests without a note. */
    public NotesConfig withTitleFallback(boolean value) {
        return new NotesConfig(heading, categories, excludeLabels, excludeAuthors, otherTitle, value);
    }
}
