package io.releasekit.process.git;

import io.releasekit.core.ConflictException;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.scm.BranchName;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.scm.SyncOutcome;
import io.releasekit.core.scm.SyncResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code git.sync-branches} (seed 002): bring branches ({@code development}, {@code security/hotfix}) up to a source
 * ({@code main}) — fast-forward or merge commit — and push them. Steps: {@code fetch}, {@code sync} (every target up
 * to date: skipped; a conflict fails the step after the other targets were synced, naming the files), {@code
 * push-branches}.
 */
public final class SyncBranchesProcess extends GitProcess {

    /** The kind. */
    public static final String KIND = "git.sync-branches";

    /**
     * @param repositories the configured repositories
     */
    public SyncBranchesProcess(SourceRepositories repositories) {
        super(repositories);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Bring branches up to a source branch (fast-forward, else a merge commit) and push them";
    }

    @Override
    public ParameterSpec parameters() {
        return commonParameters()
                .string("source", true, "the branch the others are brought up to, e.g. main")
                .strings("targets", true, "the branches to bring up to it, e.g. [development, security/hotfix]")
                .build();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        SourceRepository repo = repository(p);
        BranchName source = BranchName.of(p.string("source"));
        List<String> targets = p.strings("targets");
        repo.sync(source.value()).into(targets); // checks every name now
        Step sync = Step.of("sync", List.of(), true, ctx -> {
            SyncResult result =
                    repo.sync(source.value()).into(targets).dryRun(ctx.dryRun()).call();
            Map<String, String> out = new LinkedHashMap<>();
            List<String> done = new ArrayList<>();
            List<String> conflicts = new ArrayList<>();
            for (SyncOutcome o : result.outcomes()) {
                if (o instanceof SyncOutcome.UpToDate u) {
                    out.put(o.target().value(), u.head().value());
                } else if (o instanceof SyncOutcome.FastForwarded f) {
                    out.put(o.target().value(), f.newId().value());
                    done.add(o.target() + " fast-forwarded to " + f.newId().abbreviated());
                } else if (o instanceof SyncOutcome.Merged m) {
                    out.put(o.target().value(), m.mergeCommit().value());
                    done.add(o.target() + " merged as " + m.mergeCommit().abbreviated());
                } else if (o instanceof SyncOutcome.Conflicted c) {
                    conflicts.add(o.target() + " conflicts in " + c.files());
                }
            }
            if (ctx.dryRun()) {
                done.forEach(d -> ctx.plan("sync " + d));
            }
            if (!conflicts.isEmpty()) {
                throw new ConflictException("syncing " + source + " failed: " + String.join("; ", conflicts)
                        + (done.isEmpty() ? "" : " (done: " + String.join("; ", done) + ")"));
            }
            if (done.isEmpty()) {
                return StepOutcome.skipped("every branch already contains " + source, out);
            }
            return StepOutcome.succeeded((ctx.dryRun() ? "would sync: " : "synced: ") + String.join("; ", done), out);
        });
        List<String> refs = targets.stream().map(t -> BranchName.of(t).ref()).toList();
        Map<String, String> planned = new LinkedHashMap<>();
        targets.forEach(t -> planned.put(BranchName.of(t).ref(), t));
        return withRemote(
                repo, remote(repo, p), List.of(sync), r -> push(repo, r, "push-branches", refs, false, planned));
    }
}
