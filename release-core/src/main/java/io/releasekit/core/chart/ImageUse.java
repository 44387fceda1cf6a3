package io.releasekit.core.chart;

import io.releasekit.core.image.ImagePin;
import io.releasekit.core.image.ImageReference;
import java.util.Objects;
import java.util.Optional;

/**
 * One image a chart's values refer to.
 *
 * @param file the values file, relative to the checked root
 * @param path the YAML path of the reference ({@code api.image}, {@code images.tags.smf})
 * @param line the 1-based line
 * @param written the reference as the values write it, put together from {@code registry}, {@code repository},
 *     {@code tag} and {@code digest} for the map style
 * @param reference the parsed reference; empty when it does not parse
 * @param pin how firmly it pins the image
 * @param tagFromAppVersion whether the tag is empty and Helm's convention fills it from the chart's {@code appVersion}
 */
public record ImageUse(
        String file,
        String path,
        int line,
        String written,
        Optional<ImageReference> reference,
        ImagePin pin,
        boolean tagFromAppVersion) {

    /** Validates the parts. */
    public ImageUse {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(written, "written");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(pin, "pin");
    }
}
