package io.releasekit.api.version;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The next release.
 *
 * @param previousTag the highest existing release tag with the prefix, or null
 * @param tag the next tag
 * @param version the next version
 */
@Serdeable
public record NextVersionResponse(String previousTag, String tag, String version) {}
