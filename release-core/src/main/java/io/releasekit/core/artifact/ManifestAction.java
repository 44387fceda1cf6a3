package io.releasekit.core.artifact;

/** What the last phase of a publication did with the manifest (and its signature files). */
public enum ManifestAction {
    /** Written: the release is now visible at the destination. */
    WRITTEN,
    /** A different manifest was replaced ({@code overwrite} was set). */
    REPLACED,
    /** The identical manifest was already there (a rerun). */
    UNCHANGED,
    /** Dry run: would be written. */
    WOULD_WRITE
}
