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
import java.util.Optional;

/**
 * {@code git.sync-branches} (seed 002): bring branches ({@code development}, {@code security/hotfix}) up to a source
 * ({@code main}) — fast-forward or merge commit — and push them. Steps: {@code fetch}, {@code sync} (every target up
 * to date: skipped; otherwise its summary gives each target's outcome, a conflicting one naming the files, and a
 * conflict never stops the other targets), {@code push-branches} (every target that synced is pushed, even when
 * another conflicted: a failing target never hides the others), {@code check-conflicts} (fails the run with a
 * conflict naming each conflicting target and its files, and what was synced and pushed; nothing to do without one).
 */
public final class SyncBranchesProcess extends GitProcess {

    /** The kind. */
    public static final String KIND = "git.sync-branches";

    /**
     * The output of {@code sync} that lists the conflicting targets and their files ({@code ':'} is never in a branch
     * name, so no target's output has this key).
     */
    public static final String CONFLICTS_OUTPUT = "sync:conflicts";

    /** The output of {@code sync} that lists what was synced. */
    public static final String SYNCED_OUTPUT = "sync:synced";

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
            if (done.isEmpty() && conflicts.isEmpty()) {
                return StepOutcome.skipped("every branch already contains " + source, out);
            }
            if (!done.isEmpty()) {
                out.put(SYNCED_OUTPUT, String.join("; ", done));
            }
            List<String> each = new ArrayList<>();
            if (!done.isEmpty()) {
                each.add((ctx.dryRun() ? "would sync: " : "synced: ") + String.join("; ", done));
            }
            if (!conflicts.isEmpty()) {
                // the other targets are synced all the same: push-branches pushes them, check-conflicts fails the run
                out.put(CONFLICTS_OUTPUT, String.join("; ", conflicts));
                each.add("not synced: " + String.join("; ", conflicts));
            }
            return StepOutcome.succeeded(String.join("; ", each), out);
        });
        Step check = Step.of("check-conflicts", List.of(), false, ctx -> {
            Optional<String> conflicts = ctx.output(CONFLICTS_OUTPUT);
            if (conflicts.isPresent()) {
                throw new ConflictException("syncing " + source + " failed: " + conflicts.get()
                        + ctx.output(SYNCED_OUTPUT)
                                .map(d -> " (" + (ctx.dryRun() ? "would be synced" : "synced") + " and "
                                        + (remote(repo, p).isPresent() ? "pushed" : "kept") + ": " + d + ")")
                                .orElse(""));
            }
            return StepOutcome.skipped("no conflict");
        });
        List<String> refs = targets.stream().map(t -> BranchName.of(t).ref()).toList();
        Map<String, String> planned = new LinkedHashMap<>();
        targets.forEach(t -> planned.put(BranchName.of(t).ref(), t));
        List<Step> steps = new ArrayList<>(withRemote(
                repo, remote(repo, p), List.of(sync), r -> push(repo, r, "push-branches", refs, false, planned)));
        steps.add(check);
        return List.copyOf(steps);
    }
}
