package io.releasekit.api.version;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The next release.
 *
 * @param previousTag the highest existing release tag with the prefix, or null
 * @param tag the next tag
 * @param version the next version
 */
@Serdeable
@Schema(example = "{\"previousTag\":\"release-0.1.1\",\"tag\":\"release-0.1.2\",\"version\":\"0.1.2\"}")
public record NextVersionResponse(String previousTag, String tag, String version) {}
