package io.releasekit.core.chart;

import java.util.Objects;

/**
 * Something a chart check refuses.
 *
 * @param kind what is wrong
 * @param file the file, relative to the checked root
 * @param path the YAML path ({@code version}, {@code api.image.tag})
 * @param line the 1-based line, 0 when unknown
 * @param value the refused value
 * @param message why
 */
public record ChartFinding(Kind kind, String file, String path, int line, String value, String message) {

    /** What is wrong. */
    public enum Kind {
        /** {@code Chart.yaml}'s {@code version} is not SemVer, or is a {@code -dev} version. */
        CHART_VERSION,
        /** {@code Chart.yaml}'s {@code appVersion} is not SemVer. */
        APP_VERSION,
        /** An image reference is not pinned by SemVer tag or digest. */
        IMAGE,
        /** A referenced image tag does not exist in its registry. */
        IMAGE_MISSING,
        /** The chart version is already published with other content, or at all. */
        VERSION_TAKEN,
        /** A file is missing or unreadable. */
        FILE
    }

    /** Validates the parts. */
    public ChartFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + " " + path + " = '" + value + "': " + message;
    }
}
