package io.releasekit.api.github;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

/**
 * Notes to write on a release.
 *
 * @param notes the notes (Markdown)
 * @param publish publish a draft in the same call (default false)
 * @param dryRun check and report only (default false)
 */
@Serdeable
public record WriteNotesRequest(@NotNull String notes, @Nullable Boolean publish, @Nullable Boolean dryRun) {}
