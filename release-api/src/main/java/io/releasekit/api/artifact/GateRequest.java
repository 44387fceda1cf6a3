package io.releasekit.api.artifact;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * A gate result CI records for a build at a stage; who recorded it is the caller's token principal.
 *
 * @param pipeline the configured pipeline the stage belongs to (checked when given)
 * @param build the build id, e.g. {@code release-0.1.2}
 * @param stage the stage whose gate ran, e.g. {@code alpha}
 * @param status PASSED or FAILED
 * @param detailsUrl a link to the CI run
 */
@Serdeable
@Schema(
        example =
                "{\"build\":\"release-0.1.2\",\"stage\":\"alpha\",\"status\":\"PASSED\",\"detailsUrl\":\"https://ci.example.com/builds/4711\"}")
public record GateRequest(
        @Nullable String pipeline,
        @NotBlank String build,
        @NotBlank String stage,
        @NotNull Status status,
        @Nullable String detailsUrl) {

    /** The gate's verdict. */
    @Schema(name = "GateStatus")
    public enum Status {
        PASSED,
        FAILED
    }
}
