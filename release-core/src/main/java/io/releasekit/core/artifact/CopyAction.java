package io.releasekit.core.artifact;

/** What publication did (or, in a dry run, would do) with one object. */
public enum CopyAction {
    /** Streamed from the source store to the destination. */
    COPIED,
    /** Copied inside the provider (S3 CopyObject), the bytes never passing through releasekit. */
    COPIED_SERVER_SIDE,
    /** A different object at the key was replaced ({@code overwrite} was set). */
    REPLACED,
    /** An identical object (same size and digest) was already there: nothing written. */
    SKIPPED_IDENTICAL,
    /** Dry run: would be copied. */
    WOULD_COPY,
    /** Dry run: would replace a different object ({@code overwrite} is set). */
    WOULD_REPLACE;

    /** Whether this action wrote (or would write) the object. */
    public boolean writes() {
        return this != SKIPPED_IDENTICAL;
    }
}
