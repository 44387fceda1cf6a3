package io.releasekit.api.git;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.releasekit.api.git.GitRequests.BranchRequest;
import io.releasekit.api.git.GitRequests.CherryPickRequest;
import io.releasekit.api.git.GitRequests.FetchRequest;
import io.releasekit.api.git.GitRequests.LazyBranchRequest;
import io.releasekit.api.git.GitRequests.MoveBranchRequest;
import io.releasekit.api.git.GitRequests.PushRequest;
import io.releasekit.api.git.GitRequests.SetVersionRequest;
import io.releasekit.api.git.GitRequests.SyncRequest;
import io.releasekit.api.git.GitRequests.TagRequest;
import io.releasekit.api.git.GitViews.BranchView;
import io.releasekit.api.git.GitViews.CommitView;
import io.releasekit.api.git.GitViews.FetchView;
import io.releasekit.api.git.GitViews.MoveView;
import io.releasekit.api.git.GitViews.PickView;
import io.releasekit.api.git.GitViews.PushView;
import io.releasekit.api.git.GitViews.RepositoryView;
import io.releasekit.api.git.GitViews.ResolvedView;
import io.releasekit.api.git.GitViews.SyncView;
import io.releasekit.api.git.GitViews.TagListingView;
import io.releasekit.api.git.GitViews.TagView;
import io.releasekit.api.git.GitViews.VersionCommitView;
import io.releasekit.api.git.GitViews.VersionFileView;
import io.releasekit.api.problem.Problem;
import io.releasekit.api.problem.ProblemResponses;
import io.releasekit.api.protect.ApprovalRequiredResponse;
import io.releasekit.api.security.Roles;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.scm.PushResult;
import io.releasekit.core.scm.ScmArguments;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.scm.SourceRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Comparator;
import java.util.List;

/**
 * Git operations on repositories configured by name ({@code releasekit.repositories.<name>.*}). Every write takes
 * {@code dryRun}; names are checked by git's ref rules before anything runs; expected outcomes (already exists,
 * conflict, rejected move) are 200 results, errors are problem details (400 invalid input, 404 unknown repository,
 * ref or version, 409 conflict or refused push, 503 remote unavailable).
 */
@Controller("/api/v1/repositories")
@Tag(name = "repositories")
@ProblemResponses
@ProblemResponses.NotFound
@ProblemResponses.Upstream
@ExecuteOn(TaskExecutors.BLOCKING) // disk and network git I/O, clones included: keep it off the event loop
public class RepositoryController {

    private static final String APPROVAL_REQUIRED = ApprovalRequiredResponse.DESCRIPTION;

    private final SourceRepositories repositories;
    private final List<RepositoryProperties> properties;

    RepositoryController(SourceRepositories repositories, List<RepositoryProperties> properties) {
        this.repositories = repositories;
        this.properties = properties;
    }

    /** The configured repositories. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get
    @Operation(operationId = "listRepositories", summary = "List the configured repositories")
    public List<RepositoryView> list() {
        return properties.stream()
                .map(RepositoryView::of)
                .sorted(Comparator.comparing(RepositoryView::name))
                .toList();
    }

    /** The commit a revision names. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get("/{name}/resolve")
    @Operation(operationId = "resolveRef", summary = "Resolve a branch, tag or commit id to a commit")
    public ResolvedView resolve(@PathVariable String name, @QueryValue String ref) {
        return new ResolvedView(ref, repo(name).resolve(ref).value());
    }

    /** The VERSION file at a revision. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get("/{name}/version")
    @Operation(operationId = "readVersionFile", summary = "Read the VERSION file at a revision")
    public VersionFileView version(@PathVariable String name, @QueryValue String ref) {
        SourceRepository repo = repo(name);
        return new VersionFileView(
                ref, repo.versionFile(), repo.readVersion(ref).toString());
    }

    /** The commit that set the VERSION file to a value. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get("/{name}/version-commit")
    @Operation(operationId = "findVersionCommit", summary = "Find the commit that set the VERSION file to a version")
    public VersionCommitView versionCommit(
            @PathVariable String name, @QueryValue String version, @QueryValue(defaultValue = "main") String from) {
        return VersionCommitView.of(
                repo(name).findVersionCommit(version).from(from).call());
    }

    /** The repository's tags, optionally only those with a prefix, sorted by SemVer precedence where they parse. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get("/{name}/tags")
    @ApiResponse(
            responseCode = "200",
            description = "the tags (name, commit, annotated): those whose name after the prefix (and an optional v)"
                    + " parses as SemVer first, lowest precedence first, then the others by name; [] when none")
    @ApiResponse(
            responseCode = "404",
            description = "not-found: no repository is configured with that name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Operation(
            operationId = "listTags",
            summary = "List the repository's tags (optionally with a prefix), sorted by SemVer precedence")
    public List<TagListingView> tags(@PathVariable String name, @Nullable @QueryValue String prefix) {
        return repo(name).tags(prefix == null ? "" : prefix).stream()
                .map(TagListingView::of)
                .toList();
    }

    /** Creates a tag; the same tag at the same commit answers already-exists, at another commit 409. */
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post("/{name}/tags")
    @ProblemResponses.Conflict
    @ApiResponse(
            responseCode = "403",
            description = APPROVAL_REQUIRED,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Operation(
            operationId = "createTag",
            summary = "Create a tag (lightweight, or annotated with a message); never moves a tag")
    public TagView tag(@PathVariable String name, @Body @Valid TagRequest request) {
        return TagView.of(request.command(repo(name)).call(), request.dryRun());
    }

    /** Creates a branch. */
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post("/{name}/branches")
    @ProblemResponses.Conflict
    @ApiResponse(
            responseCode = "403",
            description = APPROVAL_REQUIRED,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "createBranch", summary = "Create a branch at a revision")
    public BranchView createBranch(@PathVariable String name, @Body @Valid BranchRequest request) {
        return BranchView.of(request.command(repo(name)).call(), request.dryRun());
    }

    /** Creates a branch at the commit that set the VERSION file to a version. */
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post("/{name}/branches/lazy")
    @ProblemResponses.Conflict
    @ApiResponse(
            responseCode = "403",
            description = APPROVAL_REQUIRED,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Operation(
            operationId = "createLazyBranch",
            summary = "Lazy branch: create a branch at the commit that set VERSION to a version")
    public BranchView lazyBranch(@PathVariable String name, @Body @Valid LazyBranchRequest request) {
        return BranchView.of(request.command(repo(name)).call(), request.dryRun());
    }

    /** Moves a branch, fast-forward only unless forced. */
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post("/{name}/branches/move")
    @ProblemResponses.Conflict
    @ApiResponse(
            responseCode = "403",
            description = APPROVAL_REQUIRED,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "moveBranch", summary = "Move a branch (fast-forward only unless force is set)")
    public MoveView moveBranch(@PathVariable String name, @Body @Valid MoveBranchRequest request) {
        return MoveView.of(request.command(repo(name)).call(), request.dryRun());
    }

    /** Brings branches up to a source branch. */
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post("/{name}/branches/sync")
    @ProblemResponses.Conflict
    @ApiResponse(
            responseCode = "403",
            description = APPROVAL_REQUIRED,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Operation(
            operationId = "syncBranches",
            summary = "Sync branches with a source branch (fast-forward, else a merge commit)")
    public SyncView sync(@PathVariable String name, @Body @Valid SyncRequest request) {
        return SyncView.of(request.command(repo(name)).call(), request.dryRun());
    }

    /** Cherry-picks commits onto a branch. */
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post("/{name}/cherry-picks")
    @ProblemResponses.Conflict
    @ApiResponse(
            responseCode = "403",
            description = APPROVAL_REQUIRED,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Operation(
            operationId = "cherryPick",
            summary = "Cherry-pick commits onto a branch, optionally bumping the VERSION patch number")
    public PickView cherryPick(@PathVariable String name, @Body @Valid CherryPickRequest request) {
        return PickView.of(request.command(repo(name)).call(), request.dryRun());
    }

    /** Commits a new VERSION value. */
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post("/{name}/version")
    @ProblemResponses.Conflict
    @ApiResponse(
            responseCode = "403",
            description = APPROVAL_REQUIRED,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "setVersion", summary = "Commit a new VERSION value on a branch")
    public CommitView setVersion(@PathVariable String name, @Body @Valid SetVersionRequest request) {
        return CommitView.of(request.command(repo(name)).call(), request.dryRun());
    }

    /** Fetches a remote and brings local branches up to it. */
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post("/{name}/fetch")
    @ProblemResponses.Conflict
    @Operation(
            operationId = "fetchRemote",
            summary = "Fetch the remote; local branches that are behind are fast-forwarded; owned branches"
                    + " (own) that diverged by releasekit's unpushed release commits are reset to the remote's")
    public FetchView fetch(@PathVariable String name, @Body @Valid FetchRequest request) {
        SourceRepository repo = repo(name);
        String remote = remoteOf(repo, request.remote());
        // ref names are checked before the remote is reached; the guarded repository fetches with a new command per try
        return FetchView.of(request.command(repo, remote).call(), request.dryRun());
    }

    /** Pushes refs with a lease; any refused ref answers 409 naming it. */
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post("/{name}/push")
    @ProblemResponses.Conflict
    @ApiResponse(
            responseCode = "403",
            description = APPROVAL_REQUIRED,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Operation(
            operationId = "pushRefs",
            summary = "Push branches and tags with a lease (refused when the remote moved or not a fast-forward)")
    public PushView push(@PathVariable String name, @Body @Valid PushRequest request) {
        SourceRepository repo = repo(name);
        String remote = remoteOf(repo, request.remote());
        PushResult result = request.command(repo, remote).call();
        return PushView.of(result.requireAccepted(), request.dryRun());
    }

    private SourceRepository repo(String name) {
        return repositories.get(name);
    }

    private static String remoteOf(SourceRepository repo, String requested) {
        if (requested != null) {
            return ScmArguments.remote(requested);
        }
        return repo.defaultRemote()
                .orElseThrow(() -> new InvalidInputException(
                        "repository '" + repo.name() + "' has no remote; configure remote-url"));
    }
}
