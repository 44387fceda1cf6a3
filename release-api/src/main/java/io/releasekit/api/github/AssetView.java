package io.releasekit.api.github;

import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.host.Asset;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A release asset.
 *
 * @param id GitHub's id
 * @param name the file name
 * @param contentType the media type
 * @param size bytes
 * @param sha256 GitHub's digest, or null when it has none
 * @param state uploaded, or starter for an unfinished upload
 * @param downloadUrl the public download address
 */
@Serdeable
@Schema(name = "ReleaseAsset")
public record AssetView(
        long id, String name, String contentType, long size, String sha256, String state, String downloadUrl) {

    static AssetView of(Asset a) {
        return new AssetView(
                a.id(), a.name(), a.contentType(), a.size(), a.sha256().orElse(null), a.state(), a.downloadUrl());
    }
}
