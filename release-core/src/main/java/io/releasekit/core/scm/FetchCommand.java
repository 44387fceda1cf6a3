package io.releasekit.core.scm;

/**
 * Fetches a remote's branches and tags and brings local branches up to date: remote-tracking refs ({@code
 * refs/remotes/<remote>/*}) take the remote's values (they are what a later push's lease checks against); a local
 * branch that is behind its remote branch is fast-forwarded, a missing one is created; a local branch with commits of
 * its own is left alone and reported. Tags are fetched but an existing local tag is never moved.
 *
 * <pre>{@code
 * FetchResult r = guards.call("git:origin", () -> repo.fetch("origin").call());
 * }</pre>
 */
public abstract class FetchCommand extends ScmWriteCommand<FetchResult, FetchCommand> {

    private final String remote;

    /**
     * @param remote the configured remote's name, validated at once
     */
    protected FetchCommand(String remote) {
        this.remote = ScmArguments.remote(remote);
    }

    /** The remote's name. */
    protected String remote() {
        return remote;
    }
}
