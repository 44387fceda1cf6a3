package io.releasekit.git.internal;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.version.SemVer;

/**
 * A VERSION file's value and how its line ends, so that a bump keeps the file's style.
 *
 * @param version the version
 * @param lineEnding {@code "\n"}, {@code "\r\n"} or empty
 */
record VersionFile(SemVer version, String lineEnding) {

    static VersionFile parse(String path, String content) {
        String value = content.replace("\uFEFF", "").strip();
        SemVer version = SemVer.tryParse(value)
                .orElseThrow(() -> new InvalidInputException("version file '" + path + "' holds '"
                        + (value.length() > 60 ? value.substring(0, 60) + "..." : value)
                        + "', which is not a SemVer version"));
        String ending = content.endsWith("\r\n") ? "\r\n" : content.endsWith("\n") ? "\n" : "";
        return new VersionFile(version, ending);
    }
}
