package io.releasekit.process.git;

import io.releasekit.core.ConflictException;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.scm.CommitId;
import io.releasekit.core.scm.FetchResult;
import io.releasekit.core.scm.PushOutcome;
import io.releasekit.core.scm.PushResult;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.service.ServiceNames;
import io.releasekit.process.ParameterBlocks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the git process kinds share: the {@code repository} and {@code push} parameters, and the steps that fetch
 * before and push after the local work. Fetch and push reach the remote through the guard {@code git:<remote>}, which
 * they declare as a strict dependency. A repository without a remote, or a run with {@code push=false}, gets neither.
 */
abstract class GitProcess implements ProcessDefinition {

    /** The configured repositories. */
    protected final SourceRepositories repositories;

    /**
     * @param repositories the configured repositories the runs name
     */
    protected GitProcess(SourceRepositories repositories) {
        this.repositories = Objects.requireNonNull(repositories, "repositories");
    }

    /** A builder with the parameters every git process takes. */
    protected static ParameterSpec.Builder commonParameters() {
        return ParameterSpec.builder()
                .with(ParameterBlocks.REPOSITORY)
                .bool(
                        "push",
                        false,
                        "fetch first and push the result to the repository's remote (default: true"
                                + " when the repository has a remote)");
    }

    /** The repository a run works on (unknown: NotFoundException before any step runs). */
    protected SourceRepository repository(RunParameters p) {
        return repositories.get(p.string("repository"));
    }

    /** The remote a run fetches from and pushes to, if it does. */
    protected static Optional<String> remote(SourceRepository repo, RunParameters p) {
        Optional<String> remote = repo.defaultRemote();
        return p.bool("push", remote.isPresent()) ? remote : Optional.empty();
    }

    /** The steps of a run: fetch, the local work, push — the remote ones only when the run has a remote. */
    protected static List<Step> withRemote(
            SourceRepository repo, Optional<String> remote, List<Step> work, Function<String, Step> push) {
        return withRemote(repo, remote, List.of(), work, push);
    }

    /**
     * The same, the fetch owning {@code owned}: branches the run writes, brought back to the remote's when an earlier
     * run's push of them was refused (see {@link io.releasekit.core.scm.FetchCommand#own}).
     */
    protected static List<Step> withRemote(
            SourceRepository repo,
            Optional<String> remote,
            List<String> owned,
            List<Step> work,
            Function<String, Step> push) {
        List<Step> steps = new ArrayList<>();
        remote.ifPresent(r -> steps.add(fetch(repo, r, owned)));
        steps.addAll(work);
        remote.ifPresent(r -> steps.add(push.apply(r)));
        return List.copyOf(steps);
    }

    /**
     * Fetches the remote so the work starts from its current state (a dry run only compares, and for owned branches
     * fetches the remote's objects without moving a ref, to tell what a recovery would drop). Branches in {@code
     * owned} that diverged by releasekit's own unpushed commits are brought back to the remote's; the summary names
     * every dropped commit and tag (and an owned branch whose recovery a dry run could not predict), the outputs
     * {@link GitProcesses#RESET_OUTPUT} where each reset branch went.
     *
     * @param repo the repository
     * @param remote the remote
     * @param owned branches the run writes
     * @return the step, named {@code fetch}, needing the guard {@code git:<remote>}
     */
    static Step fetch(SourceRepository repo, String remote, List<String> owned) {
        return Step.of("fetch", List.of(ServiceNeed.strict(service(remote))), false, ctx -> {
            FetchResult r = repo.fetch(remote)
                    .own(owned.toArray(String[]::new))
                    .dryRun(ctx.dryRun())
                    .call();
            String summary =
                    (ctx.dryRun() ? "would update " : "updated ") + r.changes().size() + " ref(s) from " + remote;
            List<String> recovered = r.recovered().stream()
                    .map(c -> recovered(c, remote, ctx.dryRun()))
                    .toList();
            if (!recovered.isEmpty()) {
                summary += "; " + String.join("; ", recovered);
                if (ctx.dryRun()) {
                    recovered.forEach(ctx::plan);
                }
            }
            if (!r.undetermined().isEmpty()) {
                summary += "; cannot tell what a recovery would drop: " + String.join("; ", r.undetermined());
            }
            Map<String, String> out = new LinkedHashMap<>();
            r.recovered().stream()
                    .filter(c -> c.kind() == FetchResult.Kind.RESET)
                    .forEach(c -> out.put(
                            GitProcesses.RESET_OUTPUT + c.ref(),
                            c.newId().orElseThrow().value()));
            return StepOutcome.succeeded(summary, out);
        });
    }

    /** What a recovery did, for a summary: which unpushed commits or tag it dropped. */
    static String recovered(FetchResult.RefChange c, String remote, boolean dryRun) {
        String verb = dryRun ? "would reset " : "reset ";
        if (c.kind() == FetchResult.Kind.RESET) {
            return verb + c.ref() + " to " + remote + "'s "
                    + c.newId().map(CommitId::abbreviated).orElse("?") + ", dropping "
                    + c.dropped().size() + " unpushed release commit(s) of an earlier run "
                    + c.dropped().stream().map(CommitId::abbreviated).toList();
        }
        return (dryRun ? "would drop " : "dropped ") + "unpushed tag " + c.ref() + " at "
                + c.oldId().map(CommitId::abbreviated).orElse("?")
                + c.newId()
                        .map(n -> " (" + remote + " has it at " + n.abbreviated() + ")")
                        .orElse("");
    }

    /**
     * Pushes refs with a lease. The new values come from the repository, or in a dry run (where earlier steps wrote
     * nothing) from the outputs named in {@code plannedIds}: full ref name → output key.
     */
    static Step push(
            SourceRepository repo,
            String remote,
            String name,
            List<String> refs,
            boolean force,
            Map<String, String> plannedIds) {
        return Step.of(name, List.of(ServiceNeed.strict(service(remote))), true, ctx -> {
            if (ctx.dryRun()) {
                return planPush(ctx, repo, remote, refs, plannedIds);
            }
            PushResult r = repo.push(remote).refs(refs).force(force).call();
            r.requireAccepted();
            List<String> pushed = r.outcomes().stream()
                    .filter(PushOutcome.Pushed.class::isInstance)
                    .map(PushOutcome::ref)
                    .toList();
            if (pushed.isEmpty()) {
                return StepOutcome.skipped(remote + " already has " + refs);
            }
            return StepOutcome.succeeded("pushed " + pushed + " to " + remote);
        });
    }

    private static StepOutcome planPush(
            StepContext ctx, SourceRepository repo, String remote, List<String> refs, Map<String, String> plannedIds) {
        Map<String, CommitId> remoteRefs = repo.remoteRefs(remote);
        List<String> planned = new ArrayList<>();
        for (String ref : refs) {
            Optional<String> next = Optional.ofNullable(plannedIds.get(ref)).flatMap(ctx::output);
            CommitId current = remoteRefs.get(ref);
            if (ref.startsWith("refs/tags/")
                    && current != null
                    && next.isPresent()
                    && !current.value().equals(next.get())) {
                throw new ConflictException(ref + " already exists on '" + remote + "' at " + current.abbreviated()
                        + "; a tag is never moved");
            }
            if (ref.startsWith("refs/heads/")) {
                checkLease(repo, remote, ref, current);
            }
            if (next.isEmpty() || current == null || !current.value().equals(next.get())) {
                String write = "push " + ref + " to " + remote
                        + next.map(n -> " at " + n).orElse("");
                ctx.plan(write);
                planned.add(write);
            }
        }
        return planned.isEmpty()
                ? StepOutcome.skipped(remote + " already has " + refs)
                : StepOutcome.succeeded("would " + String.join("; ", planned));
    }

    private static void checkLease(SourceRepository repo, String remote, String ref, CommitId current) {
        String tracking = "refs/remotes/" + remote + "/" + ref.substring("refs/heads/".length());
        Optional<CommitId> read = tryResolve(repo, tracking);
        if (!read.equals(Optional.ofNullable(current))) {
            throw new ConflictException(ref + " on '" + remote + "' is at "
                    + (current == null ? "(nothing)" : current.abbreviated()) + " but was last read at "
                    + read.map(CommitId::abbreviated).orElse("(nothing)") + "; fetch and look again");
        }
    }

    private static Optional<CommitId> tryResolve(SourceRepository repo, String ref) {
        try {
            return Optional.of(repo.resolve(ref));
        } catch (io.releasekit.core.NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The guard name of a remote. */
    static String service(String remote) {
        return ServiceNames.git(remote);
    }

    /** Outputs as an ordered map, skipping absent values. */
    static Map<String, String> outputs(String... keysAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                out.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return out;
    }
}
