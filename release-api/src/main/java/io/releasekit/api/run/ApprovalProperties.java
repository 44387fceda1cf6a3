package io.releasekit.api.run;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code releasekit.approvals.*}: who is told that a run waits for approval, and how long it may wait.
 *
 * <pre>
 * releasekit:
 *   approvals:
 *     channels: [ops-slack, matrix]              # configured channels (releasekit.channels) told about approvals
 *     public-url: https://releasekit.example.com # where approvers reach the API and the console
 *     window: 24h                                # a run not approved within it expires (0 = never)
 *     windows:
 *       ferrocene.emergency-publish: 2h          # per run kind
 * </pre>
 */
@ConfigurationProperties("releasekit.approvals")
public class ApprovalProperties {

    private List<String> channels = new ArrayList<>();
    private String publicUrl = "http://localhost:8080";
    private Duration window = Duration.ofHours(24);
    private Map<String, Duration> windows = new LinkedHashMap<>();

    /** The channels told when a run awaits approval, and again when it is approved, rejected or expires. */
    public List<String> getChannels() {
        return channels;
    }

    public void setChannels(List<String> channels) {
        this.channels = channels == null ? new ArrayList<>() : new ArrayList<>(channels);
    }

    /** The service's address as approvers reach it (the curl and console links in the notices). */
    public String getPublicUrl() {
        return publicUrl;
    }

    public void setPublicUrl(String publicUrl) {
        this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
    }

    /** How long a run may await approval before it expires (default 24 h; zero: never). */
    public Duration getWindow() {
        return window;
    }

    public void setWindow(Duration window) {
        this.window = nonNegative("releasekit.approvals.window", window);
    }

    /** Windows per run kind, overriding {@link #getWindow()}. */
    public Map<String, Duration> getWindows() {
        return windows;
    }

    public void setWindows(
            @MapFormat(transformation = MapFormat.MapTransformation.FLAT, keyFormat = StringConvention.RAW)
                    Map<String, Duration> windows) {
        Map<String, Duration> copy = new LinkedHashMap<>();
        if (windows != null) {
            windows.forEach((k, v) -> copy.put(k, nonNegative("releasekit.approvals.windows." + k, v)));
        }
        this.windows = copy;
    }

    /** The window of a run kind: its own, else the default; zero means the run never expires. */
    public Duration windowOf(String kind) {
        return windows.getOrDefault(kind, window);
    }

    private static Duration nonNegative(String name, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or a positive duration, was " + d);
        }
        return d;
    }
}
