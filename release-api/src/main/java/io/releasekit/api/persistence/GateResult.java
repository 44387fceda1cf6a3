package io.releasekit.api.persistence;

import io.releasekit.core.InvalidInputException;
import java.time.Instant;
import java.util.Objects;

/**
 * The result of a promotion gate: whether build {@code buildId} may move to {@code stage}.
 *
 * @param buildId the build (e.g. a version or a CI build number)
 * @param stage the stage it is promoted to, e.g. {@code staging}, {@code production}
 * @param passed whether the gate passed
 * @param principal who (or which pipeline) recorded it
 * @param at when
 * @param details free text, e.g. the checks that ran; may be null
 */
public record GateResult(String buildId, String stage, boolean passed, String principal, Instant at, String details) {

    public GateResult {
        require("buildId", buildId, 200);
        require("stage", stage, 100);
        require("principal", principal, 200);
        Objects.requireNonNull(at, "at");
    }

    private static void require(String name, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new InvalidInputException(
                    name + " must be 1-" + max + " characters, was " + (value == null ? "missing" : "'" + value + "'"));
        }
    }
}
