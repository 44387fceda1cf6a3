package io.releasekit.core.chart;

import java.util.List;
import java.util.Objects;

/**
 * The result of checking a chart and its sub-charts.
 *
 * @param charts every chart checked, {@code name@version (dir)}, the top chart first
 * @param images every image reference found
 * @param findings what is refused; empty when the chart passes
 */
public record ChartReport(List<String> charts, List<ImageUse> images, List<ChartFinding> findings) {

    /** Copies the lists. */
    public ChartReport {
        charts = List.copyOf(charts);
        images = List.copyOf(images);
        findings = List.copyOf(Objects.requireNonNull(findings, "findings"));
    }

    /** Whether nothing was refused. */
    public boolean ok() {
        return findings.isEmpty();
    }
}
