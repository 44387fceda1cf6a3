package io.releasekit.core.artifact;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.artifact.internal.StrictJson;
import io.releasekit.core.scm.CommitId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The list of releases published to a releases store (seed 000's release index), kept as a JSON array in the store
 * next to the releases, oldest first:
 *
 * <pre>{@code
 * [
 *   {"commit": "4f3c2b1a...", "ref": "main", "publishedAt": "2026-12-06T07:30:00Z",
 *    "approvers": ["alice", "bob"], "manifestSha256": "9b1f...", "prefix": "4f3c2b1a.../", "run": "r-17"}
 * ]
 * }</pre>
 *
 * Fields a reader does not know are ignored, so a newer writer may add some. Immutable: {@link #with} returns a new
 * index.
 *
 * @param releases the entries, oldest first
 */
public record ReleaseIndex(List<Entry> releases) {

    public ReleaseIndex {
        releases = List.copyOf(Objects.requireNonNull(releases, "releases"));
    }

    /** An index without releases. */
    public static ReleaseIndex empty() {
        return new ReleaseIndex(List.of());
    }

    /**
     * One published release.
     *
     * @param commit the full commit id whose artifacts were published
     * @param ref what the requester named (a branch, tag, short or full commit id)
     * @param publishedAt when the release's manifest was published
     * @param approvers who approved the publication, in order
     * @param manifestSha256 the SHA-256 of the published manifest
     * @param prefix where the release lies in the store
     * @param run the id of the run that published it
     */
    public record Entry(
            String commit,
            String ref,
            Instant publishedAt,
            List<String> approvers,
            String manifestSha256,
            String prefix,
            String run) {

        public Entry {
            commit = CommitId.of(commit).value();
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(publishedAt, "publishedAt");
            approvers = List.copyOf(Objects.requireNonNull(approvers, "approvers"));
            ObjectInfo.requireSha256(manifestSha256);
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(run, "run");
        }

        /** Whether this entry records the same publication: the same commit with the same manifest. */
        public boolean samePublication(Entry other) {
            return commit.equals(other.commit) && manifestSha256.equals(other.manifestSha256);
        }
    }

    /** Whether the index records the publication of {@code entry} (same commit and manifest). */
    public boolean contains(Entry entry) {
        return releases.stream().anyMatch(entry::samePublication);
    }

    /** This index with {@code entry} appended, or this index when it already records that publication. */
    public ReleaseIndex with(Entry entry) {
        if (contains(entry)) {
            return this;
        }
        List<Entry> out = new ArrayList<>(releases);
        out.add(entry);
        return new ReleaseIndex(out);
    }

    /**
     * Parses an index.
     *
     * @param json the document
     * @param what its name for error messages, e.g. the store location and key
     * @throws InvalidInputException naming {@code what} and the problem when it is not a release index
     */
    public static ReleaseIndex parse(String json, String what) {
        if (!(StrictJson.parse(json, what) instanceof List<?> items)) {
            throw new InvalidInputException(what + " is not a JSON array of releases");
        }
        List<Entry> out = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> m)) {
                throw new InvalidInputException(what + ": release " + out.size() + " is not a JSON object");
            }
            try {
                out.add(new Entry(
                        text(m, "commit"),
                        text(m, "ref"),
                        Instant.parse(text(m, "publishedAt")),
                        names(m.get("approvers")),
                        text(m, "manifestSha256"),
                        text(m, "prefix"),
                        text(m, "run")));
            } catch (InvalidInputException | DateTimeParseException | NullPointerException e) {
                throw new InvalidInputException(what + ": release " + out.size() + " is invalid: " + e.getMessage(), e);
            }
        }
        return new ReleaseIndex(out);
    }

    /** The index as UTF-8 JSON, one release per line. */
    public byte[] toJson() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < releases.size(); i++) {
            Entry e = releases.get(i);
            b.append(i == 0 ? "\n  " : ",\n  ")
                    .append("{\"commit\": ")
                    .append(StrictJson.quote(e.commit()))
                    .append(", \"ref\": ")
                    .append(StrictJson.quote(e.ref()))
                    .append(", \"publishedAt\": ")
                    .append(StrictJson.quote(e.publishedAt().toString()))
                    .append(", \"approvers\": [")
                    .append(String.join(
                            ", ", e.approvers().stream().map(StrictJson::quote).toList()))
                    .append("], \"manifestSha256\": ")
                    .append(StrictJson.quote(e.manifestSha256()))
                    .append(", \"prefix\": ")
                    .append(StrictJson.quote(e.prefix()))
                    .append(", \"run\": ")
                    .append(StrictJson.quote(e.run()))
                    .append('}');
        }
        return b.append(releases.isEmpty() ? "]\n" : "\n]\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Map<?, ?> m, String field) {
        if (!(m.get(field) instanceof String s)) {
            throw new InvalidInputException("'" + field + "' is missing or not a string");
        }
        return s;
    }

    private static List<String> names(Object value) {
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new InvalidInputException("'approvers' is missing or not a list of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }
}
