package io.releasekit.api.github;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A release to create (a draft unless {@code draft} is false).
 *
 * @param tag the tag; null for the next one after the highest tag with the prefix
 * @param prefix the tag prefix when the tag is computed; null for the repository's configured one
 * @param bump PATCH (default), MINOR or MAJOR when the tag is computed
 * @param target the branch or full commit id to create the tag from; null for the default branch
 * @param name the title; null for the tag
 * @param notes the notes (Markdown)
 * @param draft create a draft (default true)
 * @param prerelease mark as a pre-release (default false)
 * @param dryRun check and report only (default false)
 */
@Serdeable
public record CreateReleaseRequest(
        @Nullable String tag,
        @Nullable String prefix,
        @Nullable String bump,
        @Nullable String target,
        @Nullable String name,
        @Nullable String notes,
        @Nullable Boolean draft,
        @Nullable Boolean prerelease,
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "false") boolean dryRun) {}
