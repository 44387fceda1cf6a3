package io.releasekit.api.version;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Applies the VERSION policy.
 *
 * @param current the VERSION value now
 * @param event what happened: a branch was cut from it, or it was released
 * @param chart true for a Helm chart (never {@code -dev}), false (the default) for a component
 * @param branchPrefix prefix of release branch names (e.g. {@code aether-}), for {@code BRANCH_CUT}
 */
@Serdeable
@Schema(example = "{\"current\":\"2.1.0-dev\",\"event\":\"BRANCH_CUT\",\"chart\":false,\"branchPrefix\":\"aether-\"}")
public record PolicyRequest(
        @NotBlank @Size(max = 256) String current,
        @NotNull PolicyEvent event,
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "false") boolean chart,
        @Nullable @Size(max = 100) String branchPrefix) {

    /** What happened to the version. */
    @Schema(name = "PolicyEvent")
    public enum PolicyEvent {
        BRANCH_CUT,
        RELEASE
    }
}
