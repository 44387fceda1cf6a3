package io.releasekit.core.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Release notes composed from merged pull requests: one entry per pull request with the note its description carries
 * (see {@link ExtractedNote}), grouped into sections, plus the pull requests left out and why. {@link #markdown()}
 * renders them as a release body.
 *
 * <pre>{@code
 * ReleaseNotes notes = ReleaseNotes.compose(prs, NotesConfig.defaults()
 *         .withCategories(List.of(NotesCategory.of("Features", "enhancement"), NotesCategory.of("Fixes", "bug"))));
 * String body = notes.markdown();
 * }</pre>
 *
 * @param heading the heading above the sections; empty for none
 * @param sections the sections with at least one entry, in category order
 * @param omitted the pull requests that were left out
 */
public record ReleaseNotes(String heading, List<Section> sections, List<Omitted> omitted) {

    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*([-*+]|\\d+[.)])\\s.*");

    public ReleaseNotes {
        heading = heading == null ? "" : heading;
        sections = List.copyOf(sections);
        omitted = List.copyOf(omitted);
    }

    /**
     * A section of the notes.
     *
     * @param title its heading; empty for the single section of uncategorised notes
     * @param entries its entries, oldest merge first
     */
    public record Section(String title, List<Entry> entries) {
        public Section {
            entries = List.copyOf(entries);
        }
    }

    /**
     * One pull request's note.
     *
     * @param pullRequest the pull request
     * @param text the note (or the title, when the description had none and titles are allowed)
     */
    public record Entry(PullRequest pullRequest, String text) {
        public Entry {
            Objects.requireNonNull(pullRequest, "pullRequest");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A pull request left out of the notes.
     *
     * @param pullRequest the pull request
     * @param reason why, e.g. {@code note declined (n/a)}
     */
    public record Omitted(PullRequest pullRequest, String reason) {}

    /** Composes notes from pull requests (deduplicated by number) as {@code config} says. */
    public static ReleaseNotes compose(List<PullRequest> pullRequests, NotesConfig config) {
        Map<Integer, PullRequest> unique = new LinkedHashMap<>();
        pullRequests.forEach(pr -> unique.putIfAbsent(pr.number(), pr));
        Map<String, List<Entry>> byTitle = new LinkedHashMap<>();
        config.categories().forEach(c -> byTitle.put(c.title(), new ArrayList<>()));
        String other = config.categories().isEmpty() ? "" : config.otherTitle();
        byTitle.putIfAbsent(other, new ArrayList<>());
        List<Omitted> omitted = new ArrayList<>();
        for (PullRequest pr : unique.values()) {
            String excluded = exclusion(pr, config);
            if (excluded != null) {
                omitted.add(new Omitted(pr, excluded));
                continue;
            }
            ExtractedNote note = ExtractedNote.of(pr.body());
            String text;
            if (note.kind() == ExtractedNote.Kind.NOTE) {
                text = note.text();
            } else if (note.kind() == ExtractedNote.Kind.DECLINED) {
                omitted.add(new Omitted(pr, "note declined (n/a or none)"));
                continue;
            } else if (config.titleFallback() && !pr.title().isBlank()) {
                text = pr.title().strip();
            } else {
                omitted.add(new Omitted(pr, "no release note in the description"));
                continue;
            }
            String section = config.categories().stream()
                    .filter(c -> c.matches(pr))
                    .map(NotesCategory::title)
                    .findFirst()
                    .orElse(other);
            byTitle.get(section).add(new Entry(pr, text));
        }
        List<Section> sections = new ArrayList<>();
        byTitle.forEach((title, entries) -> {
            if (!entries.isEmpty()) {
                sections.add(new Section(title, entries));
            }
        });
        return new ReleaseNotes(config.heading(), sections, omitted);
    }

    /** Whether no pull request made it into the notes. */
    public boolean isEmpty() {
        return sections.isEmpty();
    }

    /** All entries, section by section. */
    public List<Entry> entries() {
        return sections.stream().flatMap(s -> s.entries().stream()).toList();
    }

    /**
     * The notes as Markdown: the heading ({@code ##}), section titles ({@code ###}), one bullet per pull request
     * ending with a link to it. A multi-line note is indented under its bullet; a note that is itself a list is
     * nested under the pull request's title.
     */
    public String markdown() {
        StringBuilder b = new StringBuilder();
        if (!heading.isEmpty()) {
            b.append("## ").append(heading).append("\n\n");
        }
        if (sections.isEmpty()) {
            b.append("No user-facing changes.\n");
            return b.toString();
        }
        for (Section s : sections) {
            if (!s.title().isEmpty()) {
                b.append("### ").append(s.title()).append("\n\n");
            }
            for (Entry e : s.entries()) {
                b.append(bullet(e.text(), e.pullRequest(), "#" + e.pullRequest().number()));
            }
            b.append('\n');
        }
        return b.toString().stripTrailing() + "\n";
    }

    /**
     * One bullet for a note, ending with a link to the pull request.
     *
     * @param text the note
     * @param pr the pull request
     * @param linkText the text of the link, e.g. {@code #12} or {@code packit#12}
     */
    static String bullet(String text, PullRequest pr, String linkText) {
        String link = pr.url().isEmpty() ? "(" + linkText + ")" : "([" + linkText + "](" + pr.url() + "))";
        List<String> lines = text.strip().lines().toList();
        StringBuilder b = new StringBuilder();
        if (LIST_ITEM.matcher(lines.get(0)).matches()) {
            b.append("- ").append(pr.title().strip()).append(' ').append(link).append('\n');
            lines.forEach(l -> b.append(l.isBlank() ? "" : "  " + l).append('\n'));
            return b.toString();
        }
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            b.append(i == 0 ? "- " : l.isBlank() ? "" : "  ").append(l);
            if (i == lines.size() - 1) {
                b.append(' ').append(link);
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String exclusion(PullRequest pr, NotesConfig config) {
        for (String label : config.excludeLabels()) {
            if (pr.hasLabel(label)) {
                return "excluded by label '" + label + "'";
            }
        }
        if (config.excludeAuthors().stream().anyMatch(a -> a.equalsIgnoreCase(pr.author()))) {
            return "excluded author '" + pr.author() + "'";
        }
        return null;
    }
}
