package io.releasekit.core.chart;

import io.releasekit.core.image.ImageDigest;
import java.util.Objects;
import java.util.Optional;

/** Whether a chart version may be published to a repository (seed 003: "a chart can't be created with the same version twice"). */
public sealed interface ChartVersionOutcome
        permits ChartVersionOutcome.Unique, ChartVersionOutcome.SameContent, ChartVersionOutcome.Conflict {

    /** The chart. */
    String chart();

    /** The version. */
    String version();

    /** Whether publishing may go ahead (unique, or the same package is there already). */
    boolean ok();

    /**
     * The version is not published yet.
     *
     * @param chart the chart
     * @param version the version
     */
    record Unique(String chart, String version) implements ChartVersionOutcome {
        public Unique {
            Objects.requireNonNull(chart, "chart");
            Objects.requireNonNull(version, "version");
        }

        @Override
        public boolean ok() {
            return true;
        }
    }

    /**
     * The version is published with exactly this package: publishing again changes nothing.
     *
     * @param chart the chart
     * @param version the version
     * @param digest the package digest
     */
    record SameContent(String chart, String version, ImageDigest digest) implements ChartVersionOutcome {
        public SameContent {
            Objects.requireNonNull(chart, "chart");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(digest, "digest");
        }

        @Override
        public boolean ok() {
            return true;
        }
    }

    /**
     * The version is published with other content, or the content cannot be compared.
     *
     * @param chart the chart
     * @param version the version
     * @param published the published package's digest, if the repository records it
     * @param reason why it is a conflict
     */
    record Conflict(String chart, String version, Optional<ImageDigest> published, String reason)
            implements ChartVersionOutcome {
        public Conflict {
            Objects.requireNonNull(chart, "chart");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(published, "published");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public boolean ok() {
            return false;
        }
    }
}
