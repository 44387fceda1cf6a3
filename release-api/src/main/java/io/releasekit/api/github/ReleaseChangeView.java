package io.releasekit.api.github;

import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.host.ReleaseChange;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a write on a release did, or in a dry run would do.
 *
 * @param change CREATED, UPDATED, PUBLISHED, DELETED, UNCHANGED or PLANNED
 * @param summary one line naming the tag
 * @param release the release afterwards; null when deleted or only planned
 */
@Serdeable
@Schema(name = "ReleaseChange")
public record ReleaseChangeView(String change, String summary, ReleaseView release) {

    static ReleaseChangeView of(ReleaseChange c) {
        return new ReleaseChangeView(
                c.change().name(), c.summary(), c.release().map(ReleaseView::of).orElse(null));
    }
}
