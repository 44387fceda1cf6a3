package io.releasekit.core.protect;

import io.releasekit.core.InvalidInputException;
import java.util.Objects;

/**
 * One write of a run, as its plan names it and as a protected port observes it: the target, the operation, and a
 * human text. Two writes are the {@link #same(PlannedWrite) same} when target and operation are equal; the text is for
 * people.
 *
 * <pre>{@code
 * ctx.plan(PlannedWrite.of(new ProtectedTarget.StoreObject("releases", "1.0/SHA256SUMS"), WriteOperation.WRITE,
 *         "would write the manifest"));
 * }</pre>
 *
 * @param target what is written
 * @param operation how
 * @param text what a person reads, e.g. {@code would push refs/heads/stable to origin}
 */
public record PlannedWrite(ProtectedTarget target, WriteOperation operation, String text) {

    public PlannedWrite {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(operation, "operation");
        text = text == null || text.isBlank() ? operation.label() + " " + target.describe() : text;
    }

    /** A planned write. */
    public static PlannedWrite of(ProtectedTarget target, WriteOperation operation, String text) {
        return new PlannedWrite(target, operation, text);
    }

    /** A write of an object to a store. */
    public static PlannedWrite storeWrite(String store, String key, String text) {
        return new PlannedWrite(new ProtectedTarget.StoreObject(store, key), WriteOperation.WRITE, text);
    }

    /**
     * A deletion of a tag or manifest (by digest) in an image repository.
     *
     * @param registry the registry's configured name
     * @param repository the repository path
     * @param reference the tag or digest deleted
     */
    public static PlannedWrite imageDelete(String registry, String repository, String reference, String text) {
        return new PlannedWrite(
                new ProtectedTarget.Image(registry, repository, reference), WriteOperation.DELETE, text);
    }

    /**
     * A manifest stored in an image repository under a tag (setting or moving the tag) or under its digest.
     *
     * @param registry the registry's configured name
     * @param repository the repository path
     * @param reference the tag or digest written
     */
    public static PlannedWrite imageWrite(String registry, String repository, String reference, String text) {
        return new PlannedWrite(new ProtectedTarget.Image(registry, repository, reference), WriteOperation.WRITE, text);
    }

    /**
     * A write to the release of a tag in a repository on a release host.
     *
     * @param repository the repository's configured name
     * @param tag the release's tag
     * @param operation {@link WriteOperation#CREATE}, {@link WriteOperation#WRITE}, {@link WriteOperation#PUBLISH} or
     *     {@link WriteOperation#DELETE}
     */
    public static PlannedWrite release(String repository, String tag, WriteOperation operation, String text) {
        return new PlannedWrite(new ProtectedTarget.HostRelease(repository, tag), operation, text);
    }

    /**
     * A pull request opened from a branch in a repository on a release host (branch, file and pull request).
     *
     * @param repository the repository's configured name
     * @param branch the pull request's head branch
     */
    public static PlannedWrite pullRequest(String repository, String branch, String text) {
        return new PlannedWrite(new ProtectedTarget.HostPullRequest(repository, branch), WriteOperation.CREATE, text);
    }

    /** A message posted to a configured chat channel. */
    public static PlannedWrite post(String channel, String text) {
        return new PlannedWrite(new ProtectedTarget.Channel(channel), WriteOperation.POST, text);
    }

    /** A configured chat channel's topic set (or restored). */
    public static PlannedWrite topic(String channel, String text) {
        return new PlannedWrite(new ProtectedTarget.Channel(channel), WriteOperation.SET_TOPIC, text);
    }

    /**
     * A push of a full ref, classified as the protected repository port classifies it: {@code refs/tags/x} is a push of
     * tag {@code x}; {@code refs/heads/x} a push (or, with {@code force}, a force push) of branch {@code x}. For a step
     * whose dry run cannot ask the port (the refs it pushes are only made by earlier steps of the real run).
     *
     * @throws InvalidInputException for a ref that is neither a branch nor a tag
     */
    public static PlannedWrite push(String repository, String ref, boolean force, String text) {
        if (ref.startsWith("refs/tags/")) {
            return new PlannedWrite(
                    new ProtectedTarget.GitTag(repository, ref.substring("refs/tags/".length())),
                    WriteOperation.PUSH,
                    text);
        }
        if (ref.startsWith("refs/heads/")) {
            return new PlannedWrite(
                    new ProtectedTarget.GitBranch(repository, ref.substring("refs/heads/".length())),
                    force ? WriteOperation.FORCE_PUSH : WriteOperation.PUSH,
                    text);
        }
        throw new InvalidInputException("a planned push needs a full ref (refs/heads/... or refs/tags/...), was '"
                + io.releasekit.core.internal.Text.printable(ref, 80) + "'");
    }

    /** Whether both name the same target and operation. */
    public boolean same(PlannedWrite other) {
        return target.equals(other.target) && operation == other.operation;
    }

    /** The write without its text, for comparing plans with observed writes. */
    public PlannedWrite bare() {
        return new PlannedWrite(target, operation, operation.label() + " " + target.describe());
    }

    /**
     * A stable one-line form, stored with a run's steps: {@code <operation>\t<kind>\t<a>\t<b>\t<text>}.
     *
     * @see #decode(String)
     */
    public String encode() {
        String head;
        if (target instanceof ProtectedTarget.StoreObject s) {
            head = "store\t" + s.store() + "\t" + s.key();
        } else if (target instanceof ProtectedTarget.GitBranch b) {
            head = "branch\t" + b.repository() + "\t" + b.branch();
        } else if (target instanceof ProtectedTarget.Image i) {
            head = "image\t" + i.registry() + "\t" + i.path();
        } else if (target instanceof ProtectedTarget.HostRelease r) {
            head = "release\t" + r.repository() + "\t" + r.tag();
        } else if (target instanceof ProtectedTarget.HostPullRequest r) {
            head = "pull-request\t" + r.repository() + "\t" + r.branch();
        } else if (target instanceof ProtectedTarget.Channel c) {
            head = "channel\t" + c.channel() + "\t-";
        } else {
            ProtectedTarget.GitTag t = (ProtectedTarget.GitTag) target;
            head = "tag\t" + t.repository() + "\t" + t.tag();
        }
        return operation.label() + "\t" + head + "\t" + text.replace('\t', ' ').replace('\n', ' ');
    }

    /**
     * Reads the form {@link #encode()} writes.
     *
     * @throws InvalidInputException when the text is not that form
     */
    public static PlannedWrite decode(String encoded) {
        String[] p = encoded == null ? new String[0] : encoded.split("\t", 5);
        if (p.length != 5) {
            throw new InvalidInputException(
                    "not an encoded planned write: '" + io.releasekit.core.internal.Text.printable(encoded, 80) + "'");
        }
        ProtectedTarget target =
                switch (p[1]) {
                    case "store" -> new ProtectedTarget.StoreObject(p[2], p[3]);
                    case "branch" -> new ProtectedTarget.GitBranch(p[2], p[3]);
                    case "tag" -> new ProtectedTarget.GitTag(p[2], p[3]);
                    case "image" -> ProtectedTarget.Image.of(p[2], p[3]);
                    case "release" -> new ProtectedTarget.HostRelease(p[2], p[3]);
                    case "pull-request" -> new ProtectedTarget.HostPullRequest(p[2], p[3]);
                    case "channel" -> new ProtectedTarget.Channel(p[2]);
                    default -> throw new InvalidInputException("unknown target kind '" + p[1] + "'");
                };
        return new PlannedWrite(target, WriteOperation.parse(p[0]), p[4]);
    }

    @Override
    public String toString() {
        return operation.label() + " " + target.describe();
    }
}
