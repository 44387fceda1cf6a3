package io.releasekit.api.github;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A configured repository.
 *
 * @param name the name requests use
 * @param location where it lives, e.g. github.com/owner/repo
 * @param tagPrefix the prefix of its release tags
 */
@Serdeable
@Schema(name = "GitHubRepository")
public record RepositoryView(String name, String location, String tagPrefix) {}
