package io.releasekit.api.version;

import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.version.SemVer;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A parsed version.
 *
 * @param version the version as printed
 * @param major major number
 * @param minor minor number
 * @param patch patch number
 * @param preRelease pre-release part, or null
 * @param build build metadata, or null
 */
@Serdeable
@Schema(name = "Version")
public record VersionView(String version, long major, long minor, long patch, String preRelease, String build) {

    static VersionView of(SemVer v) {
        return new VersionView(
                v.toString(),
                v.major(),
                v.minor(),
                v.patch(),
                v.preRelease().orElse(null),
                v.build().orElse(null));
    }
}
