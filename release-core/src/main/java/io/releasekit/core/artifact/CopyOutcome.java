package io.releasekit.core.artifact;

import java.util.Objects;

/**
 * One object of a publication.
 *
 * @param name the name relative to the locations
 * @param source the key in the source store
 * @param destination the key in the destination store
 * @param size the object's size in bytes
 * @param action what was (or would be) done
 */
public record CopyOutcome(String name, ArtifactKey source, ArtifactKey destination, long size, CopyAction action) {

    public CopyOutcome {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(action, "action");
    }

    /** A one-line description, e.g. {@code COPIED 1a2b/a.zip -> dist/a.zip (1048576 bytes)}. */
    public String describe() {
        return action + " " + source + " -> " + destination + " (" + size + " bytes)";
    }
}
