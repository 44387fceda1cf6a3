package io.releasekit.api.github;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/**
 * Notes to write on a release.
 *
 * @param notes the notes (Markdown)
 * @param publish publish a draft in the same call (default false)
 * @param dryRun check and report only (default false)
 */
@Serdeable
@Schema(name = "WriteReleaseNotesRequest")
public record WriteNotesRequest(
        @NotNull String notes,
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "false") boolean publish,
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "false") boolean dryRun) {}
