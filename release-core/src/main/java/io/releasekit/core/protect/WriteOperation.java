package io.releasekit.core.protect;

/**
 * What a write does to its {@link ProtectedTarget}. Store locations take {@link #WRITE} and {@link #DELETE}; git
 * branches take {@link #CREATE}, {@link #COMMIT}, {@link #MOVE}, {@link #FORCE_MOVE}, {@link #PUSH}, {@link
 * #FORCE_PUSH} and {@link #DELETE}; git tags take {@link #CREATE} and {@link #PUSH}; image tags and manifests take
 * {@link #WRITE} (a manifest stored, a tag set or moved) and {@link #DELETE}; releases on a release host take {@link
 * #CREATE}, {@link #WRITE} (notes, title, an asset), {@link #PUBLISH} and {@link #DELETE}; pull requests on a release
 * host take {@link #CREATE}; chat channels take {@link
 * #POST} and {@link #SET_TOPIC}.
 */
public enum WriteOperation {
    /** An object put or copied into a store location (new or replacing); a release's notes, title or assets changed. */
    WRITE,
    /** An object, ref or release removed. */
    DELETE,
    /**
     * A branch or tag created in the repository's clone; a release created (a draft unless published at once); a pull
     * request opened.
     */
    CREATE,
    /** A new commit on a branch of the clone (a file commit, a cherry-pick, a merge). */
    COMMIT,
    /** A branch of the clone moved forward (fast-forward). */
    MOVE,
    /** A branch of the clone moved where it was not a fast-forward: commits on it are dropped. */
    FORCE_MOVE,
    /** A branch or tag sent to the remote (fast-forward for branches). */
    PUSH,
    /** A branch sent to the remote with force: it may replace commits the remote had. */
    FORCE_PUSH,
    /** A draft release made public (on GitHub this creates its tag at the release's target). */
    PUBLISH,
    /** A message posted to a chat channel (one or more posts: a Mastodon thread is one post here). */
    POST,
    /** A channel's topic set (or restored). */
    SET_TOPIC;

    /** The operation as written in configuration and messages: lower case with dashes, e.g. {@code force-move}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * The operation named by a configuration value ({@code force-move}, {@code FORCE_MOVE}).
     *
     * @throws io.releasekit.core.InvalidInputException naming the known operations
     */
    public static WriteOperation parse(String value) {
        String v = value == null
                ? ""
                : value.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (WriteOperation o : values()) {
            if (o.name().equals(v)) {
                return o;
            }
        }
        throw new io.releasekit.core.InvalidInputException("write operation '"
                + io.releasekit.core.internal.Text.printable(value, 40) + "' is not known; known: "
                + java.util.Arrays.stream(values()).map(WriteOperation::label).toList());
    }
}
