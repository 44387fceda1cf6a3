package io.releasekit.core.artifact.promotion;

import io.releasekit.core.InvalidInputException;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The outcome of a stage's gate for one build, as CI records it (seed 001: contract tests in alpha, integration tests
 * in beta).
 *
 * @param build the build id, e.g. {@code release-0.1.2} or a commit id; letters, digits, {@code . _ -}, at most 128
 * @param stage the stage whose gate ran, e.g. {@code alpha}
 * @param status passed or failed
 * @param recordedBy who recorded it (a CI principal)
 * @param recordedAt when it was recorded
 * @param detailsUrl a link to the CI run, if any (http or https)
 */
public record GateResult(
        String build,
        String stage,
        GateStatus status,
        String recordedBy,
        Instant recordedAt,
        Optional<String> detailsUrl) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public GateResult {
        requireId("build", build);
        requireId("stage", stage);
        Objects.requireNonNull(status, "status");
        if (recordedBy == null || recordedBy.isBlank() || recordedBy.length() > 200) {
            throw new InvalidInputException("recordedBy must name who recorded the gate result");
        }
        Objects.requireNonNull(recordedAt, "recordedAt");
        detailsUrl = Objects.requireNonNull(detailsUrl, "detailsUrl").filter(u -> !u.isBlank());
        detailsUrl.ifPresent(GateResult::requireUrl);
    }

    /** Whether the gate passed. */
    public boolean passed() {
        return status == GateStatus.PASSED;
    }

    /**
     * Checks a build or stage id.
     *
     * @throws InvalidInputException naming the value
     */
    public static String requireId(String what, String value) {
        if (value == null || !ID.matcher(value).matches() || value.contains("..")) {
            throw new InvalidInputException(
                    what + " '" + value
                            + "' is not valid: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 128");
        }
        return value;
    }

    private static void requireUrl(String url) {
        try {
            URI u = URI.create(url);
            if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalArgumentException("not http(s)");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("detailsUrl '" + url + "' is not an http(s) URL", e);
        }
    }
}
