package io.releasekit.api.artifact;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;

/**
 * A request to verify a location against its manifest.
 *
 * @param store the name of a configured artifact store
 * @param prefix the location's prefix in the store, e.g. {@code 1a2b3c4/} (empty: the store's root)
 * @param manifest the manifest's name in the location (default {@code SHA256SUMS}); ignored with {@code
 *     manifestContent}
 * @param manifestContent a manifest to verify against instead (GNU text or JSON form)
 * @param signatures none, present, manifest, artifacts or all (default from configuration)
 * @param trustStoreChecksums accept the store's recorded SHA-256 instead of reading (default from configuration)
 */
@Serdeable
@Schema(example = "{\"store\":\"releases\",\"prefix\":\"1.2.0/\"}")
public record VerifyRequest(
        @NotBlank String store,
        @Nullable String prefix,
        @Nullable String manifest,
        @Nullable String manifestContent,
        @Nullable String signatures,
        @Nullable Boolean trustStoreChecksums) {}
