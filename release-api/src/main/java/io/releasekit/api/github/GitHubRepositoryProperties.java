package io.releasekit.api.github;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/**
 * {@code releasekit.github.repositories.<name>.*}: a repository requests refer to by name, never by URL.
 *
 * <pre>
 * releasekit:
 *   github:
 *     repositories:
 *       cfn-registry:
 *         owner: aws-cloudformation
 *         repo: community-registry-extensions
 *         tag-prefix: release-
 * </pre>
 */
@EachProperty("releasekit.github.repositories")
public class GitHubRepositoryProperties {

    private final String name;
    private String owner;
    private String repo;
    private String tagPrefix = "v";

    public GitHubRepositoryProperties(@Parameter String name) {
        this.name = name;
    }

    /** The name requests use. */
    public String getName() {
        return name;
    }

    /** The owner (user or organisation). */
    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    /** The repository name. */
    public String getRepo() {
        return repo;
    }

    public void setRepo(String repo) {
        this.repo = repo;
    }

    /** The prefix of release tags ({@code v} by default, {@code release-} in seed 001). */
    public String getTagPrefix() {
        return tagPrefix;
    }

    public void setTagPrefix(String tagPrefix) {
        this.tagPrefix = tagPrefix == null ? "" : tagPrefix;
    }
}
