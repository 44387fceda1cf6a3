package io.releasekit.core.scm;

import io.releasekit.core.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pushes refs to a remote with lease semantics: each ref is updated only if the remote still has the value this
 * repository last read (its remote-tracking ref, {@code refs/remotes/<remote>/<branch>}; for a tag: that the remote
 * does not have it yet, or has it at the same commit). A remote that moved since, or a non-fast-forward without
 * {@link #force(boolean)}, is reported as {@link PushOutcome.Rejected}; nothing is ever overwritten silently.
 *
 * <pre>{@code
 * PushResult r = repo.push("origin").refs("refs/heads/aether-2.1", "refs/tags/v2.1.1").call();
 * r.requireAccepted(); // throws ConflictException naming the rejected refs
 * }</pre>
 *
 * <p>Refs are full ({@code refs/heads/main}, {@code refs/tags/v1.0.0}) or short names of a local branch or tag. A dry
 * run asks the remote which updates it would accept and sends nothing.
 */
public abstract class PushCommand extends ScmWriteCommand<PushResult, PushCommand> {

    private final String remote;
    private final List<String> refs = new ArrayList<>();
    private final Map<String, CommitId> expected = new LinkedHashMap<>();
    private boolean force;
    private boolean atomic;

    /**
     * @param remote the configured remote's name, validated at once
     */
    protected PushCommand(String remote) {
        this.remote = ScmArguments.remote(remote);
    }

    /** Adds refs to push. */
    public PushCommand refs(String... refs) {
        return refs(List.of(refs));
    }

    /** Adds refs to push. */
    public PushCommand refs(List<String> refs) {
        for (String ref : ScmArguments.required("refs", refs)) {
            String checked = RefNames.require("ref to push", ref);
            if (!this.refs.contains(checked)) {
                this.refs.add(checked);
            }
        }
        return this;
    }

    /** Allows non-fast-forward updates; the lease still applies. Off by default. */
    public PushCommand force(boolean force) {
        this.force = force;
        return this;
    }

    /**
     * All or nothing: when the remote refuses one ref, it takes none (git's {@code push --atomic}; the remote must
     * support it, as GitHub, GitLab, Gitea and JGit do). A release branch and its tag go together this way: a tag is
     * never published without the branch commit it names. Off by default.
     */
    public PushCommand atomic(boolean atomic) {
        this.atomic = atomic;
        return this;
    }

    /** Overrides the lease of one ref: push only if the remote has exactly this id for it. */
    public PushCommand expect(String ref, CommitId expectedRemoteId) {
        expected.put(RefNames.require("ref to push", ref), ScmArguments.required("expected id", expectedRemoteId));
        return this;
    }

    @Override
    protected void validate() {
        if (refs.isEmpty()) {
            throw new InvalidInputException("no ref to push was given");
        }
    }

    /** The remote's name. */
    protected String remote() {
        return remote;
    }

    /** The refs to push, as given. */
    protected List<String> refs() {
        return List.copyOf(refs);
    }

    /** Whether non-fast-forward updates are allowed. */
    protected boolean force() {
        return force;
    }

    /** Whether the push is all or nothing. */
    protected boolean atomic() {
        return atomic;
    }

    /** Explicit leases by ref, as given. */
    protected Map<String, CommitId> expected() {
        return Map.copyOf(expected);
    }
}
