package io.releasekit.api.github;

import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.host.NextReleaseNumber;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The next release of a repository.
 *
 * @param repository the configured name
 * @param previousTag the highest existing release tag with the prefix, or null
 * @param tag the next tag
 * @param version its version
 * @param existingDraft a draft already waiting at that tag, or null
 */
@Serdeable
@Schema(name = "NextRelease")
public record NextReleaseView(
        String repository, String previousTag, String tag, String version, ReleaseView existingDraft) {

    static NextReleaseView of(String repository, NextReleaseNumber n) {
        return new NextReleaseView(
                repository,
                n.previousTag().orElse(null),
                n.tag(),
                n.version().toString(),
                n.existingDraft().map(ReleaseView::of).orElse(null));
    }
}
