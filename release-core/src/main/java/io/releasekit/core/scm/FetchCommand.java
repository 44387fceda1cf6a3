package io.releasekit.core.scm;

import java.util.ArrayList;
import java.util.List;

/**
 * Fetches a remote's branches and tags and brings local branches up to date: remote-tracking refs ({@code
 * refs/remotes/<remote>/*}) take the remote's values (they are what a later push's lease checks against); a local
 * branch that is behind its remote branch is fast-forwarded, a missing one is created; a local branch with commits of
 * its own is left alone and reported. Tags are fetched but an existing local tag is never moved.
 *
 * <p><b>Branches a run owns.</b> A run that writes a branch (picks onto {@code aether-2.1}, bumps {@code main}) names
 * it with {@link #own}. When the run's last push was refused because someone else pushed to that branch meanwhile,
 * the local branch holds releasekit's unpushed commits and has diverged from the remote's; left so, every later run
 * would be refused again. For an owned branch the fetch therefore brings the local branch back to the remote's
 * ({@link FetchResult.Kind#RESET}, listing the dropped commits) — but only when nothing is lost: every commit it
 * drops that the remote does not have is releasekit's own work, which the run redoes (committed by the repository's
 * identity and either a {@code -x} pick of a commit the remote has, possibly carrying a VERSION change, or a change of
 * the VERSION file only). An unpublished annotated tag releasekit made on a dropped commit is dropped with it ({@link
 * FetchResult.Kind#DROPPED}); when the remote has that tag at another commit, the remote's tag is taken (a published
 * tag is never moved) and the change says so. Anything else on the branch that exists only locally — a commit by
 * someone else, a merge, a change beyond the pick, a tag releasekit did not make — fails the fetch with a {@link
 * io.releasekit.core.ConflictException} naming it, leaving every local branch and tag as it was. An owned branch that
 * is merely ahead of the remote's keeps its commits (the next push sends them), unless a tag on its unpushed commits
 * exists on the remote at another commit: that is the same conflict, recovered the same way.
 *
 * <p><b>Dry run.</b> A dry run writes no ref. Without owned branches it only lists the remote's refs (cheap: no
 * objects are transferred). With owned branches it also fetches the remote's objects into the object database — the
 * same download a real fetch makes, but no branch, tag or tracking ref moves — so that the result lists what a real
 * fetch would reset and drop, or refuses with the same conflict. Should that still be unknowable for a branch, {@link
 * FetchResult#undetermined()} says so.
 *
 * <pre>{@code
 * FetchResult r = repositories.get("aether").fetch("origin").own("aether-2.1").call(); // guarded as git:origin
 * }</pre>
 */
public abstract class FetchCommand extends ScmWriteCommand<FetchResult, FetchCommand> {

    private final String remote;
    private final List<BranchName> owned = new ArrayList<>();

    /**
     * @param remote the configured remote's name, validated at once
     */
    protected FetchCommand(String remote) {
        this.remote = ScmArguments.remote(remote);
    }

    /**
     * Names branches this run owns: each is brought back to the remote's when it diverged only by releasekit's own
     * unpushed commits (see the class comment). Names are checked at once.
     */
    public FetchCommand own(String... branches) {
        for (String branch : ScmArguments.required("branches", List.of(branches))) {
            BranchName name = BranchName.of(branch);
            if (!owned.contains(name)) {
                owned.add(name);
            }
        }
        return this;
    }

    /** The branches the run owns, in the order given. */
    protected List<BranchName> owned() {
        return List.copyOf(owned);
    }

    /** The remote's name. */
    protected String remote() {
        return remote;
    }
}
