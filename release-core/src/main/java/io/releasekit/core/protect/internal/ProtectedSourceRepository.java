package io.releasekit.core.protect.internal;

import io.releasekit.core.ReleaseException;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.protect.ProtectedTarget;
import io.releasekit.core.protect.WriteOperation;
import io.releasekit.core.scm.BranchName;
import io.releasekit.core.scm.BranchOutcome;
import io.releasekit.core.scm.CherryPickCommand;
import io.releasekit.core.scm.CommitFileCommand;
import io.releasekit.core.scm.CommitId;
import io.releasekit.core.scm.CommitOutcome;
import io.releasekit.core.scm.CreateBranchCommand;
import io.releasekit.core.scm.FetchCommand;
import io.releasekit.core.scm.LazyBranchCommand;
import io.releasekit.core.scm.MoveBranchCommand;
import io.releasekit.core.scm.MoveOutcome;
import io.releasekit.core.scm.PickOutcome;
import io.releasekit.core.scm.PushCommand;
import io.releasekit.core.scm.PushOutcome;
import io.releasekit.core.scm.PushResult;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.scm.SyncCommand;
import io.releasekit.core.scm.SyncOutcome;
import io.releasekit.core.scm.SyncResult;
import io.releasekit.core.scm.TagCommand;
import io.releasekit.core.scm.TagOutcome;
import io.releasekit.core.scm.VersionCommitQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A repository whose write commands pass the {@link Gate}. Each write command is handed out as a wrapper that builds a
 * fresh command of the wrapped repository when called:
 *
 * <ul>
 *   <li>a dry run runs the wrapped dry run and adds the writes its outcome names to the plan being made;
 *   <li>a real write is first checked with every write it could make (a forced move could be a forced or a plain
 *       move); when that check refuses, the wrapped dry run tells the writes it would really make (a push the remote
 *       already has writes nothing), and only those are checked; then the real command runs, and the writes its
 *       outcome names go to the observers.
 * </ul>
 *
 * The writes are classified from outcomes in one place, the same for a dry run and a real one, so a plan and the
 * writes it allows cannot disagree. Fetches update the clone's mirror of the remote and are not writes.
 */
public final class ProtectedSourceRepository implements SourceRepository {

    private final SourceRepository delegate;
    private final Gate gate;

    /** Protects {@code delegate}'s writes. */
    public ProtectedSourceRepository(SourceRepository delegate, Gate gate) {
        this.delegate = delegate;
        this.gate = gate;
    }

    /** The repository without protection. */
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
        return delegate.remoteRefs(remote);
    }

    @Override
    public VersionCommitQuery findVersionCommit(String version) {
        return delegate.findVersionCommit(version);
    }

    @Override
    public FetchCommand fetch(String remote) {
        return delegate.fetch(remote);
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** Runs a write command through the gate; see the class comment. */
    private <T> T write(
            boolean dryRun,
            Function<Boolean, T> call,
            List<PlannedWrite> possible,
            Function<T, List<PlannedWrite>> writes) {
        if (dryRun) {
            T out = call.apply(true);
            gate.planned(writes.apply(out));
            return out;
        }
        Optional<ReleaseException> refused = gate.refusal(possible);
        gate.allow(refused.isPresent() ? writes.apply(call.apply(true)) : possible);
        T out = call.apply(false);
        gate.written(writes.apply(out));
        return out;
    }

    private ProtectedTarget.GitBranch branchTarget(BranchName b) {
        return new ProtectedTarget.GitBranch(delegate.name(), b.value());
    }

    private PlannedWrite w(ProtectedTarget t, WriteOperation op, String text) {
        return PlannedWrite.of(t, op, text);
    }

    @Override
    public TagCommand tag(String name) {
        return new TagCommand(name) {
            @Override
            protected TagOutcome execute() {
                ProtectedTarget t = new ProtectedTarget.GitTag(delegate.name(), tag().value());
                return write(
                        isDryRun(),
                        dry -> {
                            TagCommand c = delegate.tag(tag().value()).at(target());
                            message().ifPresent(c::annotated);
                            return c.dryRun(dry).call();
                        },
                        List.of(w(t, WriteOperation.CREATE, null)),
                        o -> o instanceof TagOutcome.Created c
                                ? List.of(w(
                                        t,
                                        WriteOperation.CREATE,
                                        "tag " + tag() + " at " + c.commit().abbreviated()))
                                : List.of());
            }
        };
    }

    @Override
    public CreateBranchCommand createBranch(String name) {
        return new CreateBranchCommand(name) {
            @Override
            protected BranchOutcome execute() {
                ProtectedTarget t = branchTarget(branch());
                return write(
                        isDryRun(),
                        dry -> delegate.createBranch(branch().value())
                                .at(target())
                                .dryRun(dry)
                                .call(),
                        List.of(w(t, WriteOperation.CREATE, null)),
                        o -> created(t, o));
            }
        };
    }

    @Override
    public LazyBranchCommand lazyBranch(String name) {
        return new LazyBranchCommand(name) {
            @Override
            protected BranchOutcome execute() {
                ProtectedTarget t = branchTarget(branch());
                return write(
                        isDryRun(),
                        dry -> {
                            LazyBranchCommand c = delegate.lazyBranch(branch().value())
                                    .forVersion(version().toString())
                                    .from(from());
                            versionFile().ifPresent(c::versionFile);
                            return c.dryRun(dry).call();
                        },
                        List.of(w(t, WriteOperation.CREATE, null)),
                        o -> created(t, o));
            }
        };
    }

    private List<PlannedWrite> created(ProtectedTarget t, BranchOutcome o) {
        return o instanceof BranchOutcome.Created c
                ? List.of(w(
                        t,
                        WriteOperation.CREATE,
                        "create " + t.describe() + " at " + c.commit().abbreviated()))
                : List.of();
    }

    @Override
    public CherryPickCommand cherryPick(String branchName) {
        return new CherryPickCommand(branchName) {
            @Override
            protected PickOutcome execute() {
                ProtectedTarget t = branchTarget(branch());
                return write(
                        isDryRun(),
                        dry -> {
                            CherryPickCommand c = delegate.cherryPick(branch().value())
                                    .commits(commits())
                                    .bumpPatch(bumpPatch())
                                    .separateBumpCommit(separateBumpCommit());
                            versionFile().ifPresent(c::versionFile);
                            return c.dryRun(dry).call();
                        },
                        List.of(w(t, WriteOperation.COMMIT, null)),
                        o -> o instanceof PickOutcome.Picked p
                                ? List.of(w(
                                        t,
                                        WriteOperation.COMMIT,
                                        "cherry-pick " + p.picked().size() + " commit(s) onto " + t.describe()))
                                : List.of());
            }
        };
    }

    @Override
    public MoveBranchCommand moveBranch(String branchName) {
        return new MoveBranchCommand(branchName) {
            @Override
            protected MoveOutcome execute() {
                ProtectedTarget t = branchTarget(branch());
                List<PlannedWrite> possible = force()
                        ? List.of(w(t, WriteOperation.MOVE, null), w(t, WriteOperation.FORCE_MOVE, null))
                        : List.of(w(t, WriteOperation.MOVE, null));
                return write(
                        isDryRun(),
                        dry -> delegate.moveBranch(branch().value())
                                .to(target())
                                .force(force())
                                .dryRun(dry)
                                .call(),
                        possible,
                        o -> {
                            if (o instanceof MoveOutcome.FastForwarded f) {
                                return List.of(w(
                                        t,
                                        WriteOperation.MOVE,
                                        "move " + t.describe() + " " + f.oldId().abbreviated() + " -> "
                                                + f.newId().abbreviated()));
                            }
                            if (o instanceof MoveOutcome.Forced f) {
                                return List.of(w(
                                        t,
                                        WriteOperation.FORCE_MOVE,
                                        "force " + t.describe() + " "
                                                + f.oldId().abbreviated() + " -> "
                                                + f.newId().abbreviated()));
                            }
                            return List.of();
                        });
            }
        };
    }

    @Override
    public SyncCommand sync(String source) {
        return new SyncCommand(source) {
            @Override
            protected SyncResult execute() {
                List<PlannedWrite> possible = new ArrayList<>();
                for (BranchName b : targets()) {
                    possible.add(w(branchTarget(b), WriteOperation.MOVE, null));
                    possible.add(w(branchTarget(b), WriteOperation.COMMIT, null));
                }
                return write(
                        isDryRun(),
                        dry -> delegate.sync(source().value())
                                .into(targets().stream().map(BranchName::value).toList())
                                .dryRun(dry)
                                .call(),
                        possible,
                        r -> {
                            List<PlannedWrite> out = new ArrayList<>();
                            for (SyncOutcome o : r.outcomes()) {
                                if (o instanceof SyncOutcome.FastForwarded f) {
                                    out.add(w(
                                            branchTarget(f.target()),
                                            WriteOperation.MOVE,
                                            "fast-forward " + f.target() + " to " + source()));
                                } else if (o instanceof SyncOutcome.Merged m) {
                                    out.add(w(
                                            branchTarget(m.target()),
                                            WriteOperation.COMMIT,
                                            "merge " + source() + " into " + m.target()));
                                }
                            }
                            return out;
                        });
            }
        };
    }

    @Override
    public CommitFileCommand commitFile(String branchName, String path, String content) {
        return new CommitFileCommand(branchName, path, content) {
            @Override
            protected CommitOutcome execute() {
                ProtectedTarget t = branchTarget(branch());
                return write(
                        isDryRun(),
                        dry -> {
                            CommitFileCommand c = delegate.commitFile(
                                    branch().value(),
                                    path(),
                                    new String(content(), java.nio.charset.StandardCharsets.UTF_8));
                            message().ifPresent(c::message);
                            return c.dryRun(dry).call();
                        },
                        List.of(w(t, WriteOperation.COMMIT, null)),
                        o -> o instanceof CommitOutcome.Committed
                                ? List.of(w(t, WriteOperation.COMMIT, "commit " + path() + " on " + branch()))
                                : List.of());
            }
        };
    }

    @Override
    public PushCommand push(String remoteName) {
        return new PushCommand(remoteName) {
            @Override
            protected PushResult execute() {
                List<PlannedWrite> possible =
                        refs().stream().map(r -> pushed(r, force())).toList();
                return write(
                        isDryRun(),
                        dry -> {
                            PushCommand c = delegate.push(remote())
                                    .refs(refs())
                                    .force(force())
                                    .atomic(atomic());
                            expected().forEach(c::expect);
                            return c.dryRun(dry).call();
                        },
                        possible,
                        r -> r.outcomes().stream()
                                .filter(PushOutcome.Pushed.class::isInstance)
                                .map(o -> pushed(o.ref(), force()))
                                .toList());
            }
        };
    }

    /** A pushed ref as a write: a branch (forced or not) or a tag. Short names are branches unless only a tag has it. */
    private PlannedWrite pushed(String ref, boolean force) {
        String remote = delegate.defaultRemote().orElse("its remote");
        String full = ref;
        if (!ref.startsWith("refs/")) {
            full = !exists("refs/heads/" + ref) && exists("refs/tags/" + ref)
                    ? "refs/tags/" + ref
                    : "refs/heads/" + ref;
        }
        return PlannedWrite.push(
                delegate.name(), full, force, (force ? "force-push " : "push ") + full + " to " + remote);
    }

    private boolean exists(String ref) {
        try {
            delegate.resolve(ref);
            return true;
        } catch (io.releasekit.core.NotFoundException | io.releasekit.core.InvalidInputException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "protected " + name();
    }
}
