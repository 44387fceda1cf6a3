package io.releasekit.api.github;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;

/**
 * The weekly blog post of seed 004.
 *
 * @param project the project name in the title (e.g. Packit)
 * @param repositories the configured repositories, in the order of the post's sections
 * @param since the first day (ISO date); default: 6 days before {@code until}
 * @param until the last day (ISO date); default: today (UTC)
 * @param label the label marking pull requests with notes (default has-release-notes; "" for any)
 * @param authors the post's authors
 */
@Serdeable
public record BlogPostRequest(
        @NotBlank String project,
        @NotEmpty List<String> repositories,
        @Nullable String since,
        @Nullable String until,
        @Nullable String label,
        @Nullable List<String> authors) {}
