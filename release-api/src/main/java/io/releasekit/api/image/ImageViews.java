package io.releasekit.api.image;

import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.chart.ChartFinding;
import io.releasekit.core.chart.ChartReport;
import io.releasekit.core.chart.ChartVersionOutcome;
import io.releasekit.core.chart.ImageUse;
import io.releasekit.core.image.DockerfileReport;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Response bodies of the check endpoints. A check that finds something answers 200 with {@code ok: false}. */
public final class ImageViews {

    private ImageViews() {}

    /**
     * The Dockerfile check.
     *
     * @param ok whether no file has a finding
     * @param files each file checked
     */
    @Serdeable
    @Schema(name = "DockerfileCheck")
    public record DockerfileCheckView(boolean ok, List<DockerfileView> files) {
        static DockerfileCheckView of(List<DockerfileReport> reports) {
            return new DockerfileCheckView(
                    reports.stream().allMatch(DockerfileReport::ok),
                    reports.stream().map(DockerfileView::of).toList());
        }
    }

    /**
     * One Dockerfile.
     *
     * @param file the path in the repository
     * @param froms every FROM
     * @param findings the refused ones
     */
    @Serdeable
    @Schema(name = "DockerfileResult")
    public record DockerfileView(String file, List<FromView> froms, List<FindingView> findings) {
        static DockerfileView of(DockerfileReport r) {
            return new DockerfileView(
                    r.file(),
                    r.froms().stream()
                            .map(f -> new FromView(
                                    f.line(),
                                    f.written(),
                                    f.image(),
                                    f.stage().orElse(null),
                                    f.pin().map(p -> p.name().toLowerCase()).orElse("stage")))
                            .toList(),
                    r.findings().stream()
                            .map(f -> new FindingView("base-image", f.file(), null, f.line(), f.image(), f.reason()))
                            .toList());
        }
    }

    /**
     * One FROM.
     *
     * @param line the line
     * @param written as written
     * @param image after ARG substitution
     * @param stage the stage it names, or null
     * @param pin digest, semver, moving, other, or stage (an earlier stage or scratch)
     */
    @Serdeable
    @Schema(name = "FromLine")
    public record FromView(int line, String written, String image, String stage, String pin) {}

    /**
     * A finding.
     *
     * @param kind base-image, chart-version, app-version, image, image-missing, version-taken or file
     * @param file the file
     * @param path the YAML path, or null
     * @param line the line, 0 when unknown
     * @param value the refused value
     * @param message why
     */
    @Serdeable
    @Schema(name = "CheckFinding")
    public record FindingView(String kind, String file, String path, int line, String value, String message) {
        static FindingView of(ChartFinding f) {
            return new FindingView(
                    f.kind().name().toLowerCase().replace('_', '-'),
                    f.file(),
                    f.path(),
                    f.line(),
                    f.value(),
                    f.message());
        }
    }

    /**
     * The chart check.
     *
     * @param ok whether nothing was refused (the version check included)
     * @param charts each chart checked, {@code name@version (dir)}
     * @param images each image reference
     * @param findings what is refused
     * @param version the uniqueness check against the chart repository, when one was named
     */
    @Serdeable
    @Schema(name = "ChartCheck")
    public record ChartCheckView(
            boolean ok, List<String> charts, List<ImageView> images, List<FindingView> findings, VersionView version) {
        static ChartCheckView of(ChartReport r, List<ChartFinding> missing, VersionView version) {
            return new ChartCheckView(
                    r.ok() && missing.isEmpty() && (version == null || version.ok()),
                    r.charts(),
                    r.images().stream().map(ImageView::of).toList(),
                    java.util.stream.Stream.concat(r.findings().stream(), missing.stream())
                            .map(FindingView::of)
                            .toList(),
                    version);
        }
    }

    /**
     * One image reference of a chart.
     *
     * @param file the values file
     * @param path the YAML path
     * @param line the line
     * @param reference the reference
     * @param pin digest, semver, moving or other
     * @param tagFromAppVersion whether the tag comes from the chart's appVersion
     */
    @Serdeable
    @Schema(name = "ChartImage")
    public record ImageView(
            String file, String path, int line, String reference, String pin, boolean tagFromAppVersion) {
        static ImageView of(ImageUse u) {
            return new ImageView(
                    u.file(), u.path(), u.line(), u.written(), u.pin().name().toLowerCase(), u.tagFromAppVersion());
        }
    }

    /**
     * The version uniqueness check.
     *
     * @param ok whether the version may be published
     * @param outcome unique, same-content or conflict
     * @param chart the chart
     * @param version the version
     * @param reason why it is a conflict, or null
     */
    @Serdeable
    @Schema(name = "ChartVersionCheck")
    public record VersionView(boolean ok, String outcome, String chart, String version, String reason) {
        static VersionView of(ChartVersionOutcome o) {
            String outcome = o instanceof ChartVersionOutcome.Unique
                    ? "unique"
                    : o instanceof ChartVersionOutcome.SameContent ? "same-content" : "conflict";
            return new VersionView(
                    o.ok(),
                    outcome,
                    o.chart(),
                    o.version(),
                    o instanceof ChartVersionOutcome.Conflict c ? c.reason() : null);
        }
    }

    /**
     * A configured registry.
     *
     * @param name its name
     * @param host its host
     * @param service the service guard its calls go through
     */
    @Serdeable
    @Schema(name = "ImageRegistry")
    public record RegistryView(String name, String host, String service) {}

    /**
     * What a tag or digest resolves to.
     *
     * @param repository the repository
     * @param reference the tag or digest asked for
     * @param digest the manifest digest
     */
    @Serdeable
    @Schema(name = "ImageDigest")
    public record DigestView(String repository, String reference, String digest) {}
}
