package io.releasekit.core.image;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One tag of a repository as retention sees it.
 *
 * @param tag the tag
 * @param digest the manifest it names
 * @param created when the image was built (from its config), if known
 * @param size the manifest's size plus the blobs it references directly
 */
public record TagInfo(String tag, ImageDigest digest, Optional<Instant> created, long size) {

    /** Validates the parts. */
    public TagInfo {
        ImageRepositories.checkTag(tag);
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(created, "created");
    }

    /**
     * Reads every tag of a repository with its digest, build time and size.
     *
     * @param registry the registry (guarded, from {@link ImageRegistries})
     * @param repository the repository
     */
    public static java.util.List<TagInfo> inventory(ImageRegistry registry, String repository) {
        java.util.List<TagInfo> out = new java.util.ArrayList<>();
        for (String tag : registry.listTags(repository)) {
            registry.manifest(repository, tag)
                    .ifPresent(m -> out.add(new TagInfo(
                            tag, m.digest(), registry.config(repository, m).created(), m.contentSize())));
        }
        return out;
    }
}
