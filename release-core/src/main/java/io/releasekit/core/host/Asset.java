package io.releasekit.core.host;

import io.releasekit.core.artifact.ObjectInfo;
import java.util.Objects;
import java.util.Optional;

/**
 * A file attached to a release.
 *
 * @param id the host's id of the asset
 * @param name the file name
 * @param contentType its media type
 * @param size its size in bytes
 * @param sha256 its SHA-256 (64 lower-case hex digits) when the host computed one (GitHub's {@code digest}, on every
 *     asset uploaded since mid-2025)
 * @param state {@code uploaded}, or {@code starter} for an upload that never finished
 * @param downloadUrl the public download address ({@code browser_download_url})
 */
public record Asset(
        long id,
        String name,
        String contentType,
        long size,
        Optional<String> sha256,
        String state,
        String downloadUrl) {

    public Asset {
        Objects.requireNonNull(name, "name");
        contentType = contentType == null ? "application/octet-stream" : contentType;
        sha256 = Objects.requireNonNull(sha256, "sha256");
        sha256.ifPresent(ObjectInfo::requireSha256);
        state = state == null ? "uploaded" : state;
        downloadUrl = downloadUrl == null ? "" : downloadUrl;
    }

    /** Whether the upload of this asset completed. */
    public boolean complete() {
        return "uploaded".equals(state);
    }
}
