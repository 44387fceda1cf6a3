package io.releasekit.api.github;

import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.host.Release;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A GitHub release.
 *
 * @param id GitHub's id
 * @param tag the tag
 * @param name the title
 * @param body the notes (Markdown)
 * @param target the branch or commit the tag is (to be) created from
 * @param draft whether it is a draft
 * @param prerelease whether it is a pre-release
 * @param url its web page
 * @param publishedAt when it was published (ISO-8601), null for a draft
 */
@Serdeable
@Schema(name = "Release")
public record ReleaseView(
        long id,
        String tag,
        String name,
        String body,
        String target,
        boolean draft,
        boolean prerelease,
        String url,
        String publishedAt) {

    static ReleaseView of(Release r) {
        return r == null
                ? null
                : new ReleaseView(
                        r.id(),
                        r.tag(),
                        r.name(),
                        r.body(),
                        r.target(),
                        r.draft(),
                        r.prerelease(),
                        r.url(),
                        r.publishedAt().map(Object::toString).orElse(null));
    }
}
