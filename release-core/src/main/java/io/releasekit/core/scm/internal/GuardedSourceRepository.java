package io.releasekit.core.scm.internal;

import io.releasekit.core.scm.BranchName;
import io.releasekit.core.scm.CherryPickCommand;
import io.releasekit.core.scm.CommitFileCommand;
import io.releasekit.core.scm.CommitId;
import io.releasekit.core.scm.CreateBranchCommand;
import io.releasekit.core.scm.FetchCommand;
import io.releasekit.core.scm.FetchResult;
import io.releasekit.core.scm.LazyBranchCommand;
import io.releasekit.core.scm.MoveBranchCommand;
import io.releasekit.core.scm.PushCommand;
import io.releasekit.core.scm.PushResult;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.scm.SyncCommand;
import io.releasekit.core.scm.TagCommand;
import io.releasekit.core.scm.VersionCommitQuery;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.service.ServiceNames;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SourceRepository} whose calls to a remote ({@link #remoteRefs}, {@link #fetch}, {@link #push}) go through
 * the guard {@code git:<remote>}; local operations are called directly. A remote command is single-use, so the
 * guarded command records its options and builds a new command of the repository for each attempt.
 */
public final class GuardedSourceRepository implements SourceRepository {

    private final SourceRepository delegate;
    private final ServiceGuards guards;

    /** Guards {@code delegate}'s remote calls with {@code guards}. */
    public GuardedSourceRepository(SourceRepository delegate, ServiceGuards guards) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.guards = Objects.requireNonNull(guards, "guards");
    }

    /** The unguarded repository. */
    public SourceRepository delegate() {
        return delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String versionFile() {
        return delegate.versionFile();
    }

    @Override
    public Optional<String> defaultRemote() {
        return delegate.defaultRemote();
    }

    @Override
    public CommitId resolve(String revision) {
        return delegate.resolve(revision);
    }

    @Override
    public boolean isAncestor(String ancestor, String descendant) {
        return delegate.isAncestor(ancestor, descendant);
    }

    @Override
    public Optional<String> readFile(String revision, String path) {
        return delegate.readFile(revision, path);
    }

    @Override
    public java.util.List<io.releasekit.core.scm.RepositoryTag> tags(String prefix) {
        return delegate.tags(prefix);
    }

    @Override
    public Map<String, CommitId> remoteRefs(String remote) {
        return guards.call(ServiceNames.git(remote), () -> delegate.remoteRefs(remote));
    }

    @Override
    public TagCommand tag(String name) {
        return delegate.tag(name);
    }

    @Override
    public CreateBranchCommand createBranch(String name) {
        return delegate.createBranch(name);
    }

    @Override
    public LazyBranchCommand lazyBranch(String name) {
        return delegate.lazyBranch(name);
    }

    @Override
    public VersionCommitQuery findVersionCommit(String version) {
        return delegate.findVersionCommit(version);
    }

    @Override
    public CherryPickCommand cherryPick(String branch) {
        return delegate.cherryPick(branch);
    }

    @Override
    public MoveBranchCommand moveBranch(String branch) {
        return delegate.moveBranch(branch);
    }

    @Override
    public SyncCommand sync(String source) {
        return delegate.sync(source);
    }

    @Override
    public CommitFileCommand commitFile(String branch, String path, String content) {
        return delegate.commitFile(branch, path, content);
    }

    @Override
    public PushCommand push(String remote) {
        return new GuardedPush(remote);
    }

    @Override
    public FetchCommand fetch(String remote) {
        return new GuardedFetch(remote);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }

    /** Records the options; each attempt builds and calls a new fetch of the repository. */
    private final class GuardedFetch extends FetchCommand {
        GuardedFetch(String remote) {
            super(remote);
        }

        @Override
        protected FetchResult execute() {
            return guards.call(ServiceNames.git(remote()), () -> {
                FetchCommand c = delegate.fetch(remote()).dryRun(isDryRun());
                String[] own = owned().stream().map(BranchName::value).toArray(String[]::new);
                return (own.length == 0 ? c : c.own(own)).call();
            });
        }
    }

    /** Records the options; each attempt builds and calls a new push of the repository. */
    private final class GuardedPush extends PushCommand {
        GuardedPush(String remote) {
            super(remote);
        }

        @Override
        protected PushResult execute() {
            return guards.call(ServiceNames.git(remote()), () -> {
                PushCommand c = delegate.push(remote())
                        .refs(refs())
                        .force(force())
                        .atomic(atomic())
                        .dryRun(isDryRun());
                expected().forEach(c::expect);
                return c.call();
            });
        }
    }
}
