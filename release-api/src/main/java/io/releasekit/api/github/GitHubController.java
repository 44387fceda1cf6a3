package io.releasekit.api.github;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.releasekit.api.problem.Problem;
import io.releasekit.api.problem.ProblemResponses;
import io.releasekit.api.protect.ApprovalRequiredResponse;
import io.releasekit.api.security.Roles;
import io.releasekit.core.host.BlogPost;
import io.releasekit.core.host.CheckRequirement;
import io.releasekit.core.host.PullRequestSearch;
import io.releasekit.core.host.ReleaseChange;
import io.releasekit.core.host.ReleaseHost;
import io.releasekit.core.host.ReleaseHosts;
import io.releasekit.core.host.ReleaseNotes;
import io.releasekit.core.host.Releases;
import io.releasekit.core.host.Sleeper;
import io.releasekit.core.version.TagScheme;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GitHub releases, release notes, checks and the weekly blog post, for repositories configured by name. Waiting for
 * checks is long, so it is the run kind {@code github.wait-checks}; here only the current state is read.
 */
@Controller("/api/v1/github")
@Tag(name = "github")
@ProblemResponses
@ProblemResponses.Upstream
public class GitHubController {

    private final ReleaseHosts hosts;
    private final GitHubProperties properties;
    private final Clock clock = Clock.systemUTC();

    GitHubController(ReleaseHosts hosts, GitHubProperties properties) {
        this.hosts = hosts;
        this.properties = properties;
    }

    /** The configured repositories. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get("/repositories")
    @Operation(operationId = "listGitHubRepositories", summary = "Configured GitHub repositories")
    public List<RepositoryView> repositories() {
        return hosts.names().stream()
                .map(n -> new RepositoryView(
                        n, hosts.get(n).location(), hosts.tagScheme(n).prefix()))
                .toList();
    }

    /** The next release number after the highest tag with the prefix, from the repository's tags and releases. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get("/repositories/{name}/next-release{?prefix,bump}")
    @ProblemResponses.NotFound
    @Operation(
            operationId = "getNextGitHubRelease",
            summary = "Next release number (release-0.1.1 → release-0.1.2) from the repository's tags and releases")
    public NextReleaseView nextRelease(
            @PathVariable String name,
            @Nullable @QueryValue String prefix,
            @Nullable
                    @QueryValue
                    @Parameter(
                            description = "which part to raise (default PATCH)",
                            schema =
                                    @Schema(
                                            type = "string",
                                            allowableValues = {"PATCH", "MINOR", "MAJOR"}))
                    String bump) {
        return NextReleaseView.of(name, releases(name).next(scheme(name, prefix), GitHubRequests.bump(bump)));
    }

    /** One release by tag, drafts included. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get("/repositories/{name}/releases/{tag}")
    @ProblemResponses.NotFound
    @Operation(operationId = "getGitHubRelease", summary = "A release by tag (drafts included)")
    public ReleaseView release(@PathVariable String name, @PathVariable String tag) {
        return ReleaseView.of(releases(name).require(tag));
    }

    /** Creates a release (a draft by default); an identical one is returned, a different one is a conflict. */
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post("/repositories/{name}/releases")
    @ApiResponse(
            responseCode = "403",
            description = ApprovalRequiredResponse.DESCRIPTION,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Operation(
            operationId = "createGitHubRelease",
            summary = "Create a release (draft by default) at a tag, numbered from the last one when no tag is given")
    public HttpResponse<ReleaseChangeView> create(@PathVariable String name, @Body @Valid CreateReleaseRequest r) {
        Releases releases = releases(name);
        String tag = r.tag() != null
                ? r.tag()
                : releases.next(scheme(name, r.prefix()), GitHubRequests.bump(r.bump()))
                        .tag();
        Releases.CreateCommand c = releases.create(tag)
                .draft(r.draft() == null || r.draft())
                .prerelease(Boolean.TRUE.equals(r.prerelease()))
                .dryRun(Boolean.TRUE.equals(r.dryRun()));
        Optional.ofNullable(r.name()).ifPresent(c::name);
        Optional.ofNullable(r.target()).ifPresent(c::target);
        Optional.ofNullable(r.notes()).ifPresent(c::notes);
        ReleaseChange change = c.call();
        HttpStatus status = change.change() == ReleaseChange.Change.CREATED ? HttpStatus.CREATED : HttpStatus.OK;
        return HttpResponse.<ReleaseChangeView>status(status).body(ReleaseChangeView.of(change));
    }

    /** Publishes a draft, which creates its tag. */
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post("/repositories/{name}/releases/{tag}/publish{?dryRun}")
    @ApiResponse(
            responseCode = "403",
            description = ApprovalRequiredResponse.DESCRIPTION,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Operation(
            operationId = "publishGitHubRelease",
            summary = "Publish a draft release (creates its tag at the release's target)")
    public ReleaseChangeView publish(
            @PathVariable String name, @PathVariable String tag, @Nullable @QueryValue Boolean dryRun) {
        return ReleaseChangeView.of(releases(name).publish(tag, Boolean.TRUE.equals(dryRun)));
    }

    /** Writes a release's notes, publishing it in the same call when asked. */
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Put("/repositories/{name}/releases/{tag}/notes")
    @ApiResponse(
            responseCode = "403",
            description = ApprovalRequiredResponse.DESCRIPTION,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Operation(
            operationId = "writeGitHubReleaseNotes",
            summary = "Write the notes of a release (and optionally publish it)")
    public ReleaseChangeView writeNotes(
            @PathVariable String name, @PathVariable String tag, @Body @Valid WriteNotesRequest r) {
        return ReleaseChangeView.of(releases(name)
                .writeNotes(tag, r.notes(), Boolean.TRUE.equals(r.publish()), Boolean.TRUE.equals(r.dryRun())));
    }

    /** Deletes a draft release; published releases are refused. */
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Delete("/repositories/{name}/releases/{tag}{?dryRun}")
    @ApiResponse(
            responseCode = "403",
            description = ApprovalRequiredResponse.DESCRIPTION,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Operation(
            operationId = "deleteDraftGitHubRelease",
            summary = "Delete a draft release (published releases are refused)")
    public ReleaseChangeView deleteDraft(
            @PathVariable String name, @PathVariable String tag, @Nullable @QueryValue Boolean dryRun) {
        return ReleaseChangeView.of(releases(name).deleteDraft(tag, Boolean.TRUE.equals(dryRun)));
    }

    /** The assets of a release, with GitHub's SHA-256 digests. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get("/repositories/{name}/releases/{tag}/assets")
    @ProblemResponses.NotFound
    @Operation(operationId = "listGitHubReleaseAssets", summary = "Assets of a release, with GitHub's SHA-256 digests")
    public List<AssetView> assets(@PathVariable String name, @PathVariable String tag) {
        ReleaseHost host = hosts.get(name);
        long id = releases(name).require(tag).id();
        return host.assets(id).stream().map(AssetView::of).toList();
    }

    /** Release notes from merged pull requests, between two refs or within a date window, as Markdown. */
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post("/repositories/{name}/release-notes")
    @ProblemResponses.NotFound
    @Operation(
            operationId = "composeReleaseNotes",
            summary = "Compose release notes from merged pull requests (between refs or in a date window)")
    public ReleaseNotesView releaseNotes(@PathVariable String name, @Body @Valid ReleaseNotesRequest r) {
        Releases releases = releases(name);
        Optional<PullRequestSearch> window = GitHubRequests.window(r);
        ReleaseNotes notes = window.isPresent()
                ? releases.notes(window.get(), GitHubRequests.notesConfig(r))
                : releases.notes(r.from(), r.to(), GitHubRequests.notesConfig(r));
        return ReleaseNotesView.of(notes);
    }

    /** The checks of a ref right now (waiting for them is the run kind {@code github.wait-checks}). */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get("/repositories/{name}/checks")
    @ProblemResponses.NotFound
    @Operation(
            operationId = "getCommitChecks",
            summary = "Current check state of a ref; wait for checks with the github.wait-checks run kind")
    public ChecksView checks(
            @PathVariable String name, @QueryValue String ref, @Nullable @QueryValue List<String> required) {
        return ChecksView.of(releases(name).checks(ref, new CheckRequirement(required == null ? List.of() : required)));
    }

    /** A draft of seed 004's weekly blog post from the pull requests with release notes, per repository. */
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post("/blog-post")
    @ProblemResponses.NotFound
    @Operation(
            operationId = "composeBlogPost",
            summary = "Draft the weekly blog post from merged pull requests with release notes")
    public BlogPostView blogPost(@Body @Valid BlogPostRequest r) {
        LocalDate until = r.until() == null ? LocalDate.now(clock) : GitHubRequests.date("until", r.until());
        LocalDate since = r.since() == null ? until.minusDays(6) : GitHubRequests.date("since", r.since());
        String label = r.label() == null ? "has-release-notes" : r.label().strip();
        PullRequestSearch search =
                PullRequestSearch.mergedBetween(since, until).withLabels(label.isEmpty() ? List.of() : List.of(label));
        List<BlogPost.RepositoryChanges> changes = new ArrayList<>();
        for (String repo : r.repositories()) {
            ReleaseHost host = hosts.get(repo);
            changes.add(new BlogPost.RepositoryChanges(repo, host.mergedPullRequests(search)));
        }
        List<String> authors = r.authors() == null ? List.of() : r.authors();
        return BlogPostView.of(BlogPost.draft(r.project(), since, until, LocalDate.now(clock), authors, changes));
    }

    private Releases releases(String name) {
        return new Releases(hosts.get(name)).waitingOutRateLimits(properties.getRateLimitWait(), Sleeper.threadSleep());
    }

    private TagScheme scheme(String name, String prefix) {
        return prefix == null ? hosts.tagScheme(name) : TagScheme.of(prefix);
    }
}
