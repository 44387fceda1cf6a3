package io.releasekit.core.host;

/** The source archives a host generates for a ref. */
public enum ArchiveFormat {
    /** A zip file ({@code zipball}). */
    ZIP("zipball", ".zip"),
    /** A gzip-compressed tar file ({@code tarball}). */
    TAR_GZ("tarball", ".tar.gz");

    private final String endpoint;
    private final String extension;

    ArchiveFormat(String endpoint, String extension) {
        this.endpoint = endpoint;
        this.extension = extension;
    }

    /** The last path segment of GitHub's archive endpoint ({@code zipball}, {@code tarball}). */
    public String endpoint() {
        return endpoint;
    }

    /** The file name extension, with its dot. */
    public String extension() {
        return extension;
    }
}
