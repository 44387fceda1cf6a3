package io.releasekit.core.host;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A release on a release host (a GitHub release): a tag, a title, Markdown notes, and whether it is still a draft.
 *
 * @param id the host's id of the release
 * @param tag the tag the release is (or, for a draft, will be) attached to
 * @param name the release title; empty when the host has none
 * @param body the release notes in Markdown; empty when there are none
 * @param target the branch or commit the tag is created from when the release is published ({@code
 *     target_commitish}); empty when unknown
 * @param draft whether the release is a draft (not visible to the public, tag not yet created)
 * @param prerelease whether the release is marked as a pre-release
 * @param url the release's web page
 * @param publishedAt when it was published; empty for a draft
 */
public record Release(
        long id,
        String tag,
        String name,
        String body,
        String target,
        boolean draft,
        boolean prerelease,
        String url,
        Optional<Instant> publishedAt) {

    public Release {
        Objects.requireNonNull(tag, "tag");
        name = name == null ? "" : name;
        body = body == null ? "" : body;
        target = target == null ? "" : target;
        url = url == null ? "" : url;
        publishedAt = Objects.requireNonNull(publishedAt, "publishedAt");
    }

    /** The title to show: the name, or the tag when the release has no name. */
    public String title() {
        return name.isBlank() ? tag : name;
    }
}
