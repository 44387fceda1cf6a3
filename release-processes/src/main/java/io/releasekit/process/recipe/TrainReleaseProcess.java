package io.releasekit.process.recipe;

import io.releasekit.core.host.Release;
import io.releasekit.core.host.ReleaseHost;
import io.releasekit.core.host.ReleaseHosts;
import io.releasekit.core.notify.Delivery;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Notifier;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.version.TagScheme;
import io.releasekit.process.ParameterBlocks;
import io.releasekit.process.github.GitHubReleaseProcess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code train.release} (seed 002, the weekly release train): on a merge to {@code main}, a versioned GitHub release
 * (the next number after the last tag, at the merge commit, with notes from the merged pull requests), a Slack notice
 * (deferrable: Slack being down does not hold the release), and {@code development} and {@code security/hotfix}
 * brought up to {@code main}.
 *
 * <p>Steps: {@code find-release} (is the commit already released under the scheme? then that tag is kept, so a
 * repeated run for the same merge commit releases and announces nothing new), {@code plan-release}, {@code
 * create-release}, {@code release-notes} (from {@code github.release}), {@code announce:<channel>} per channel (the
 * message is keyed by repository and tag, so a repeated run finds it instead of posting again), then the steps of
 * {@code git.sync-branches} ({@code fetch}, {@code sync}, {@code push-branches}) on the configured git repository.
 */
public final class TrainReleaseProcess implements ProcessDefinition {

    /** The kind. */
    public static final String KIND = "train.release";

    private final ReleaseHosts hosts;
    private final GitHubReleaseProcess release;
    private final ProcessDefinition syncBranches;
    private final Notifiers notifiers;

    /**
     * The recipe.
     *
     * @param hosts the configured GitHub repositories ({@code github.release} runs on them)
     * @param syncBranches the {@code git.sync-branches} process
     * @param notifiers the configured chat channels
     */
    public TrainReleaseProcess(ReleaseHosts hosts, ProcessDefinition syncBranches, Notifiers notifiers) {
        this.hosts = hosts;
        this.release = new GitHubReleaseProcess(hosts);
        this.syncBranches = syncBranches;
        this.notifiers = notifiers;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Weekly release train: versioned GitHub release at the merge commit, Slack notice, development and"
                + " security/hotfix synced with main (seed 002)";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.builder()
                .with(ParameterBlocks.REPOSITORY)
                .string("gitRepository", false, "configured git repository to sync; default: same name")
                .string("target", false, "the merge commit (or branch) to release; default main")
                .string("tagPrefix", false, "tag prefix, e.g. v; default: the repository's configured one")
                .string("bump", false, "PATCH (default), MINOR or MAJOR")
                .strings("channels", false, "chat channels to notify, e.g. [slack]")
                .string("message", false, "the notice; '{tag}' is replaced (default 'Released {tag} to production')")
                .string("source", false, "the branch the others are synced with (default main)")
                .strings("syncTargets", false, "branches brought up to source (default development, security/hotfix)")
                .build();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        Map<String, Object> releaseParams = new HashMap<>();
        releaseParams.put("prefix", p.optionalString("tagPrefix").orElse(null));
        releaseParams.put("publish", true);
        Map<String, Object> releasePlan = new HashMap<>(p.asMap());
        releasePlan.putAll(releaseParams);
        List<Step> steps = new ArrayList<>();
        String repository = p.string("repository");
        ReleaseHost host = hosts.get(repository);
        TagScheme scheme = p.optionalString("tagPrefix").map(TagScheme::of).orElse(hosts.tagScheme(repository));
        steps.add(new FindReleaseStep(host, scheme));
        for (Step s : release.steps(RunParameters.of(releasePlan))) {
            steps.add(new MappedStep(s, releaseParams, Map.of("tag", RELEASED_TAG)));
        }
        String template = p.optionalString("message").orElse("Released {tag} to production");
        for (Notifier n : notifiers.resolve(p.strings("channels"))) {
            steps.add(new AnnounceStep(n, template, repository));
        }
        Map<String, Object> syncParams = new HashMap<>();
        syncParams.put("repository", p.optionalString("gitRepository").orElse(p.string("repository")));
        syncParams.put("source", p.optionalString("source").orElse("main"));
        syncParams.put(
                "targets", p.has("syncTargets") ? p.strings("syncTargets") : List.of("development", "security/hotfix"));
        RunParameters sync = syncBranches.parameters().validate(syncParams);
        for (Step s : syncBranches.steps(sync)) {
            steps.add(new MappedStep(s, sync.asMap(), Map.of()));
        }
        return steps;
    }

    /** The output of {@code find-release}: the tag of the release already made at the target commit. */
    static final String RELEASED_TAG = "releasedTag";

    /**
     * Finds a release of the scheme already made at the target commit (a repeated run for the same merge commit), so
     * that {@code plan-release} keeps its tag instead of numbering a new one. Only releases whose {@code
     * target_commitish} is that commit id count: one made from a branch name says nothing about which commit it was.
     */
    private record FindReleaseStep(ReleaseHost host, TagScheme scheme) implements Step {
        @Override
        public String name() {
            return "find-release";
        }

        @Override
        public List<ServiceNeed> services() {
            return List.of(ServiceNeed.strict(host.service()));
        }

        @Override
        public boolean writes() {
            return false;
        }

        @Override
        public StepOutcome execute(StepContext ctx) {
            String target = ctx.parameters().optionalString("target").orElse("main");
            String sha = host.resolveCommit(target);
            List<Release> releases = host.releases();
            Optional<Release> done = releases.stream()
                    .filter(r -> scheme.versionOf(r.tag()).isPresent())
                    .filter(r -> r.target().equals(sha))
                    .findFirst();
            if (done.isEmpty()) {
                return StepOutcome.succeeded(
                        "no release of " + host.location() + " at " + sha.substring(0, 12) + " yet");
            }
            String tag = done.get().tag();
            return StepOutcome.succeeded(
                    sha.substring(0, 12) + " is already released as " + tag
                            + (done.get().draft() ? " (draft)" : "") + "; keeping that tag",
                    Map.of(RELEASED_TAG, tag));
        }
    }

    /** Posts the release notice with the tag the release steps decided. */
    private static final class AnnounceStep implements Step {
        private final Notifier channel;
        private final String template;
        private final String repository;

        AnnounceStep(Notifier channel, String template, String repository) {
            this.channel = channel;
            this.template = template;
            this.repository = repository;
        }

        @Override
        public String name() {
            return "announce:" + channel.name();
        }

        @Override
        public List<ServiceNeed> services() {
            return List.of(ServiceNeed.deferrable(channel.service()));
        }

        @Override
        public StepOutcome execute(StepContext ctx) {
            String tag = ctx.output("tag").orElse("the release");
            Message message = Message.of(template.replace("{tag}", tag));
            String where = "channel '" + channel.name() + "' (" + channel.type() + ")";
            if (ctx.dryRun()) {
                ctx.plan(PlannedWrite.post(channel.name(), "post to " + where + ": " + message.text()));
                return StepOutcome.succeeded("would post to " + where);
            }
            // keyed by what is announced, not by the run: a second run for the same release finds the first post
            String key = KIND + ":" + repository + ":" + tag + ":" + channel.name();
            Delivery d = channel.post(message, key);
            if (d.alreadyDelivered()) {
                return StepOutcome.skipped("already posted to " + where + " as " + d.ids());
            }
            return StepOutcome.succeeded("posted to " + where + " as " + d.ids());
        }
    }
}
