package io.releasekit.api.git;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.scm.CherryPickCommand;
import io.releasekit.core.scm.CommitFileCommand;
import io.releasekit.core.scm.CreateBranchCommand;
import io.releasekit.core.scm.FetchCommand;
import io.releasekit.core.scm.LazyBranchCommand;
import io.releasekit.core.scm.MoveBranchCommand;
import io.releasekit.core.scm.PushCommand;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.scm.SyncCommand;
import io.releasekit.core.scm.TagCommand;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Request bodies of the repository endpoints. Names are checked by git's ref rules in the library (a 400 problem
 * names the bad value); every write takes {@code dryRun}. Each request builds its library command.
 */
public final class GitRequests {

    private GitRequests() {}

    /**
     * Creates a tag.
     *
     * @param tag the tag, e.g. {@code v1.2.0}
     * @param target the revision to tag, e.g. {@code main}
     * @param message message of an annotated tag; a lightweight tag when absent
     * @param dryRun report what would be done, write nothing
     */
    @Serdeable
    @Schema(
            name = "TagRequest",
            example = "{\"tag\":\"v1.2.0\",\"target\":\"main\",\"message\":\"Release 1.2.0\",\"dryRun\":false}")
    public record TagRequest(
            @NotBlank @Size(max = 4096) String tag,
            @NotBlank @Size(max = 4096) String target,
            @Nullable @Size(max = 65536) String message,
            @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "false") boolean dryRun) {

        TagCommand command(SourceRepository repo) {
            TagCommand c = repo.tag(tag).at(target).dryRun(dryRun);
            return message == null ? c : c.annotated(message);
        }
    }

    /**
     * Creates a branch.
     *
     * @param branch the branch, e.g. {@code release/2.1}
     * @param target where it starts
     * @param dryRun report what would be done, write nothing
     */
    @Serdeable
    @Schema(name = "BranchRequest")
    public record BranchRequest(
            @NotBlank @Size(max = 4096) String branch,
            @NotBlank @Size(max = 4096) String target,
            @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "false") boolean dryRun) {

        CreateBranchCommand command(SourceRepository repo) {
            return repo.createBranch(branch).at(target).dryRun(dryRun);
        }
    }

    /**
     * Creates a branch at the commit that set the VERSION file to a version (lazy branching).
     *
     * @param branch the branch, e.g. {@code aether-2.1}
     * @param version the VERSION value, e.g. {@code 2.1.0}
     * @param from where to search history from; {@code main} when absent
     * @param dryRun report what would be done, write nothing
     */
    @Serdeable
    @Schema(name = "LazyBranchRequest")
    public record LazyBranchRequest(
            @NotBlank @Size(max = 4096) String branch,
            @NotBlank @Size(max = 4096) String version,
            @Nullable @Size(max = 4096) String from,
            @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "false") boolean dryRun) {

        LazyBranchCommand command(SourceRepository repo) {
            return repo.lazyBranch(branch)
                    .forVersion(version)
                    .from(from == null ? "main" : from)
                    .dryRun(dryRun);
        }
    }

    /**
     * Moves a branch, fast-forward only unless forced.
     *
     * @param branch the branch, e.g. {@code stable}
     * @param to where to move it, e.g. {@code main}
     * @param force move even when it is not a fast-forward
     * @param dryRun report what would be done, write nothing
     */
    @Serdeable
    @Schema(name = "MoveBranchRequest")
    public record MoveBranchRequest(
            @NotBlank @Size(max = 4096) String branch,
            @NotBlank @Size(max = 4096) String to,
            @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "false") boolean force,
            @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "false") boolean dryRun) {

        MoveBranchCommand command(SourceRepository repo) {
            return repo.moveBranch(branch).to(to).force(force).dryRun(dryRun);
        }
    }

    /**
     * Brings branches up to a source branch.
     *
     * @param source e.g. {@code main}
     * @param targets e.g. {@code [development, security/hotfix]}
     * @param dryRun report what would be done, write nothing
     */
    @Serdeable
    @Schema(name = "SyncBranchesRequest")
    public record SyncRequest(
            @NotBlank @Size(max = 4096) String source,
            @NotEmpty @Size(max = 100) List<@NotNull @Size(max = 4096) String> targets,
            @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "false") boolean dryRun) {

        SyncCommand command(SourceRepository repo) {
            return repo.sync(source).into(targets).dryRun(dryRun);
        }
    }

    /**
     * Cherry-picks commits onto a branch.
     *
     * @param branch e.g. {@code aether-2.1}
     * @param commits the commits, in order
     * @param bumpPatch raise the VERSION patch number in the same operation: the last picked commit carries it
     * @param separateBumpCommit with {@code bumpPatch}: the VERSION change as a commit of its own after the picks
     * @param dryRun report what would be done, write nothing
     */
    @Serdeable
    @Schema(name = "CherryPickRequest")
    public record CherryPickRequest(
            @NotBlank @Size(max = 4096) String branch,
            @NotEmpty @Size(max = 100) List<@NotNull @Size(max = 4096) String> commits,
            @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "false") boolean bumpPatch,
            @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "false") boolean separateBumpCommit,
            @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "false") boolean dryRun) {

        CherryPickCommand command(SourceRepository repo) {
            return repo.cherryPick(branch)
                    .commits(commits)
                    .bumpPatch(bumpPatch)
                    .separateBumpCommit(separateBumpCommit)
                    .dryRun(dryRun);
        }
    }

    /**
     * Commits a new VERSION value on a branch.
     *
     * @param branch e.g. {@code main}
     * @param version e.g. {@code 2.2.0-dev}
     * @param message commit message; {@code Set VERSION to <version>} when absent
     * @param dryRun report what would be done, write nothing
     */
    @Serdeable
    @Schema(name = "SetVersionRequest")
    public record SetVersionRequest(
            @NotBlank @Size(max = 4096) String branch,
            @NotBlank @Size(max = 4096) String version,
            @Nullable @Size(max = 65536) String message,
            @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "false") boolean dryRun) {

        CommitFileCommand command(SourceRepository repo) {
            CommitFileCommand c = repo.setVersion(branch, version).dryRun(dryRun);
            return message == null ? c : c.message(message);
        }
    }

    /**
     * Fetches a remote.
     *
     * @param remote the remote; the repository's configured remote when absent
     * @param own branches the caller's run owns (e.g. {@code [aether-2.1]}): each is brought back to the remote's when
     *     it diverged only by releasekit's own unpushed release commits ({@code reset}, listing them), else 409
     * @param dryRun only compare with the remote (with {@code own}: the remote's objects are fetched, no ref moves,
     *     so the commits a reset would drop are reported)
     */
    @Serdeable
    @Schema(name = "FetchRequest")
    public record FetchRequest(
            @Nullable @Size(max = 64) String remote,
            @Nullable @Size(max = 100) List<@NotNull @Size(max = 4096) String> own,
            @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "false") boolean dryRun) {

        FetchCommand command(SourceRepository repo, String remoteName) {
            FetchCommand c = repo.fetch(remoteName).dryRun(dryRun);
            return own == null || own.isEmpty() ? c : c.own(own.toArray(String[]::new));
        }
    }

    /**
     * Pushes refs with a lease.
     *
     * @param remote the remote; the repository's configured remote when absent
     * @param refs branches and tags, short ({@code main}) or full ({@code refs/tags/v1.0.0})
     * @param force allow non-fast-forward updates (the lease still applies)
     * @param dryRun ask the remote what it would accept, send nothing
     */
    @Serdeable
    @Schema(name = "PushRequest")
    public record PushRequest(
            @Nullable @Size(max = 64) String remote,
            @NotEmpty @Size(max = 100) List<@NotNull @Size(max = 4096) String> refs,
            @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "false") boolean force,
            @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "false") boolean dryRun) {

        PushCommand command(SourceRepository repo, String remoteName) {
            return repo.push(remoteName).refs(refs).force(force).dryRun(dryRun);
        }
    }
}
