package io.releasekit.core.host;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.ReleaseException;
import io.releasekit.core.scm.RefNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a release to create should look like. A release that already exists for the tag with the same name, target and
 * (when given) body is the same release; one that differs is a conflict.
 *
 * <pre>{@code
 * ReleaseSpec spec = ReleaseSpec.draft("v1.4.1").withName("1.4.1").withTarget(sha).withBody(notes);
 * }</pre>
 *
 * @param tag the tag of the release; created from {@code target} when the release is published and the tag does not
 *     exist yet
 * @param name the title; empty means "use the tag"
 * @param body the notes in Markdown; empty means "no opinion" (an existing release's notes are not compared)
 * @param target the branch or full commit id to create the tag from; empty means the host's default branch
 * @param draft whether to create a draft
 * @param prerelease whether to mark the release as a pre-release
 */
public record ReleaseSpec(
        String tag, String name, Optional<String> body, Optional<String> target, boolean draft, boolean prerelease) {

    /** GitHub's limit on the length of release notes. */
    public static final int MAX_BODY_LENGTH = 125_000;

    public ReleaseSpec {
        RefNames.require("release tag", tag);
        name = name == null ? "" : name.strip();
        if (name.length() > 255) {
            throw new InvalidInputException("release name is " + name.length() + " characters long; at most 255");
        }
        body = Objects.requireNonNull(body, "body");
        body.ifPresent(b -> {
            if (b.length() > MAX_BODY_LENGTH) {
                throw new InvalidInputException("release notes are " + b.length() + " characters long; GitHub accepts "
                        + MAX_BODY_LENGTH + " at most");
            }
        });
        target = Objects.requireNonNull(target, "target").filter(t -> !t.isBlank());
        target.ifPresent(t -> {
            if (!RefNames.isValidBranchName(t) && !t.matches("[0-9a-f]{40}")) {
                throw new InvalidInputException(
                        "release target '" + t + "' is neither a branch name nor a full commit id");
            }
        });
    }

    /** A draft release at {@code tag}, named after the tag, created from the default branch. */
    public static ReleaseSpec draft(String tag) {
        return new ReleaseSpec(tag, "", Optional.empty(), Optional.empty(), true, false);
    }

    /** A copy with another title. */
    public ReleaseSpec withName(String value) {
        return new ReleaseSpec(tag, value, body, target, draft, prerelease);
    }

    /** A copy with notes. */
    public ReleaseSpec withBody(String value) {
        return new ReleaseSpec(tag, name, Optional.ofNullable(value), target, draft, prerelease);
    }

    /** A copy that creates the tag from {@code value} (a branch or a full commit id). */
    public ReleaseSpec withTarget(String value) {
        return new ReleaseSpec(tag, name, body, Optional.ofNullable(value), draft, prerelease);
    }

    /** A copy that is (or is not) a draft. */
    public ReleaseSpec withDraft(boolean value) {
        return new ReleaseSpec(tag, name, body, target, value, prerelease);
    }

    /** A copy that is (or is not) a pre-release. */
    public ReleaseSpec withPrerelease(boolean value) {
        return new ReleaseSpec(tag, name, body, target, draft, value);
    }

    /** The title the release gets: the name, or the tag when no name was given. */
    public String title() {
        return name.isEmpty() ? tag : name;
    }

    /**
     * How an existing release of the same tag differs from this spec: title, pre-release flag, notes (when this spec
     * has notes; compared with line endings and trailing whitespace normalised) and target (when this spec has one;
     * equal when both resolve to the same commit). A published release satisfies a draft spec.
     *
     * @param existing the release already there
     * @param resolveCommit resolves a ref to a commit id (the host's {@link ReleaseHost#resolveCommit})
     * @return one description per differing field; empty when the release matches
     */
    public List<String> differencesFrom(Release existing, UnaryOperator<String> resolveCommit) {
        List<String> out = new ArrayList<>();
        if (!title().equals(existing.title())) {
            out.add("name is '" + existing.title() + "', asked for '" + title() + "'");
        }
        if (prerelease != existing.prerelease()) {
            out.add("prerelease is " + existing.prerelease() + ", asked for " + prerelease);
        }
        body.ifPresent(b -> {
            if (!normalizedNotes(b).equals(normalizedNotes(existing.body()))) {
                out.add("notes differ (" + existing.body().length() + " characters there, " + b.length() + " asked)");
            }
        });
        target.ifPresent(t -> {
            if (!t.equals(existing.target()) && !sameCommit(existing, t, resolveCommit)) {
                out.add("target is '" + existing.target() + "', asked for '" + t + "'");
            }
        });
        return out;
    }

    /** Notes as compared: LF line endings, no trailing whitespace on any line or at the end. */
    public static String normalizedNotes(String notes) {
        if (notes == null) {
            return "";
        }
        return notes.replace("\r\n", "\n")
                .replace('\r', '\n')
                .lines()
                .map(String::stripTrailing)
                .reduce((a, b) -> a + "\n" + b)
                .orElse("")
                .stripTrailing();
    }

    private static boolean sameCommit(Release existing, String target, UnaryOperator<String> resolveCommit) {
        try {
            String there = existing.draft()
                    ? (existing.target().isEmpty() ? null : resolveCommit.apply(existing.target()))
                    : resolveCommit.apply(existing.tag());
            return there != null && there.equals(resolveCommit.apply(target));
        } catch (ReleaseException e) {
            if (e.fault() == ReleaseException.Fault.CLIENT) {
                return false;
            }
            throw e;
        }
    }
}
