package io.releasekit.process.recipe;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.host.FilePullRequest;
import io.releasekit.core.host.OpenedPullRequest;
import io.releasekit.core.host.ReleaseHost;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Opens the post drafted by {@code blog-post} as a pull request on the configured blog repository: branch {@code
 * blog/<slug of the title>} from its default branch, the Markdown at the path of {@code blogPathTemplate}, and the pull
 * request — through the guarded, protected GitHub port, so the write is the planned {@code create pull-request
 * <blogRepository>@blog/<slug>}. A rerun finds the pull request and opens nothing twice. Its address is the output
 * {@code blogPullRequest}, which the Mastodon thread links when no {@code blogUrlTemplate} is given.
 */
final class BlogPullRequestStep implements Step {

    /** The default file path: {@code content/posts/2026-11-packit-in-november-2026.md}. */
    static final String DEFAULT_PATH = "content/posts/$YEAR-$MM-$SLUG.md";

    private final String repository;
    private final ReleaseHost host;

    /** Opens the post on {@code host}, configured as {@code repository}. */
    BlogPullRequestStep(String repository, ReleaseHost host) {
        this.repository = repository;
        this.host = host;
    }

    @Override
    public String name() {
        return "blog-pull-request";
    }

    @Override
    public List<ServiceNeed> services() {
        return List.of(ServiceNeed.deferrable(host.service()));
    }

    @Override
    public StepOutcome execute(StepContext ctx) {
        FilePullRequest request = request(ctx);
        String where = "pull request from " + request.branch() + " in " + repository + " (" + request.path() + ")";
        if (ctx.dryRun()) {
            ctx.plan(PlannedWrite.pullRequest(repository, request.branch(), "open " + where));
            return StepOutcome.succeeded("would open " + where);
        }
        OpenedPullRequest pr = host.openPullRequest(request);
        Map<String, String> out = Map.of("blogPullRequest", pr.url(), "blogPullRequestNumber", "" + pr.number());
        if (!pr.created()) {
            return StepOutcome.skipped("the " + where + " is already open: " + pr.url(), out);
        }
        return StepOutcome.succeeded("opened " + where + ": " + pr.url(), out);
    }

    private static FilePullRequest request(StepContext ctx) {
        String title = ctx.output("blogTitle")
                .orElseThrow(
                        () -> new InvalidInputException("step blog-pull-request needs the post of step blog-post"));
        LocalDate day = ctx.output("blogDate").map(LocalDate::parse).orElseThrow();
        String project = ctx.parameters().optionalString("project").orElse("Packit");
        String slug = PackitDeploymentProcess.slug(title);
        String path = PackitDeploymentProcess.fill(
                        ctx.parameters().optionalString("blogPathTemplate").orElse(DEFAULT_PATH), project, day)
                .replace("$MM", String.format("%02d", day.getMonthValue()))
                .replace("$SLUG", slug);
        return new FilePullRequest(
                "blog/" + slug,
                path,
                ctx.output("blogMarkdown").orElse(""),
                title,
                "The blog post of " + ctx.kind() + ", drafted by releasekit from the pull requests with release notes"
                        + " (run " + ctx.runId() + "). Review, fill in the authors and merge to publish it.");
    }
}
