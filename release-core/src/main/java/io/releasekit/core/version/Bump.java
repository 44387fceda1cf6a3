package io.releasekit.core.version;

/** Which part of a version a release raises. */
public enum Bump {
    MAJOR,
    MINOR,
    PATCH
}
