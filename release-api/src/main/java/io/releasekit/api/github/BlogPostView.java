package io.releasekit.api.github;

import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.host.BlogPost;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A drafted blog post.
 *
 * @param title its title
 * @param markdown the post, front matter included
 * @param omitted pull requests left out for the writer to check
 */
@Serdeable
@Schema(name = "BlogPost")
public record BlogPostView(String title, String markdown, List<ReleaseNotesView.OmittedView> omitted) {

    static BlogPostView of(BlogPost p) {
        return new BlogPostView(p.title(), p.markdown(), ReleaseNotesView.omitted(p.omitted()));
    }
}
