package io.releasekit.process.github;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.host.NextReleaseNumber;
import io.releasekit.core.host.NotesCategory;
import io.releasekit.core.host.NotesConfig;
import io.releasekit.core.host.Release;
import io.releasekit.core.host.ReleaseChange;
import io.releasekit.core.host.ReleaseHost;
import io.releasekit.core.host.ReleaseHosts;
import io.releasekit.core.host.ReleaseNotes;
import io.releasekit.core.host.Releases;
import io.releasekit.core.protect.WriteOperation;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.scm.RefNames;
import io.releasekit.core.version.Bump;
import io.releasekit.core.version.SemVer;
import io.releasekit.core.version.TagScheme;
import io.releasekit.process.ParameterBlocks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code github.release}: a GitHub release numbered from the last one, with notes from the merged pull requests
 * (seeds 001 and 002). Steps:
 *
 * <ol>
 *   <li>{@code plan-release} (reads; strict on {@code github}): resolves the target to a commit and decides the tag —
 *       the one given, or the next after the highest tag of the prefix — and the previous release tag.
 *   <li>{@code create-release} (strict on {@code github}): creates the draft at that commit; an identical release is
 *       left as it is, a different one is a conflict. Once this step is done the release (and so the tag name) is
 *       reserved.
 *   <li>{@code release-notes} (deferrable on {@code github}): composes the notes from the pull requests merged between
 *       the previous tag and the commit (or takes the {@code notes} parameter) and writes them, publishing the release
 *       in the same call when asked. It only runs once the release exists, so if GitHub fails now the step is parked
 *       and replayed when GitHub is back, without holding up the rest of a larger process.
 * </ol>
 */
public final class GitHubReleaseProcess implements ProcessDefinition {

    /** The kind. */
    public static final String KIND = "github.release";

    private final ReleaseHosts hosts;

    /** The process for the configured repositories. */
    public GitHubReleaseProcess(ReleaseHosts hosts) {
        this.hosts = hosts;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Create a GitHub release numbered from the last one, with notes from the merged pull requests";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.builder()
                .with(ParameterBlocks.REPOSITORY)
                .with(ParameterBlocks.release("prefix"))
                .string("name", false, "release title; default: the tag")
                .string("notes", false, "release notes in Markdown; default: composed from merged pull requests")
                .strings("categories", false, "note sections as 'Title=label1,label2' ('*' for any label)")
                .strings("excludeLabels", false, "pull requests with these labels stay out of the notes")
                .bool("titleFallback", false, "list pull requests without a note by their title (default true)")
                .bool("prerelease", false, "mark as a pre-release (default false)")
                .bool("publish", false, "publish the release after writing the notes (default true)")
                .build();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        ReleaseHost host = hosts.get(p.string("repository"));
        String service = host.service();
        p.optionalString("tag").ifPresent(t -> RefNames.require("release tag", t));
        bump(p);
        categories(p);
        return List.of(
                Step.of("plan-release", List.of(ServiceNeed.strict(service)), false, ctx -> plan(ctx, host)),
                Step.of("create-release", List.of(ServiceNeed.strict(service)), true, ctx -> create(ctx, host)),
                Step.of("release-notes", List.of(ServiceNeed.deferrable(service)), true, ctx -> notes(ctx, host)));
    }

    private StepOutcome plan(StepContext ctx, ReleaseHost host) {
        RunParameters p = ctx.parameters();
        Releases releases = new Releases(host);
        String target = p.optionalString("target").orElse("main");
        String sha = host.resolveCommit(target);
        TagScheme scheme =
                p.optionalString("prefix").map(TagScheme::of).orElse(hosts.tagScheme(p.string("repository")));
        String tag;
        Optional<String> previous;
        if (p.optionalString("tag").isPresent()) {
            tag = p.string("tag");
            List<String> tags = host.tags();
            previous = previousTag(scheme, tag, tags);
        } else {
            NextReleaseNumber next = releases.next(scheme, bump(p));
            tag = next.tag();
            previous = next.previousTag();
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("tag", tag);
        out.put("previousTag", previous.orElse(""));
        out.put("targetSha", sha);
        return StepOutcome.succeeded(
                "release " + tag + " of " + host.location() + " at " + sha.substring(0, 12)
                        + previous.map(t -> ", after " + t).orElse(", the first release"),
                out);
    }

    private StepOutcome create(StepContext ctx, ReleaseHost host) {
        RunParameters p = ctx.parameters();
        String tag = ctx.output("tag").orElseThrow();
        ReleaseChange change = new Releases(host)
                .create(tag)
                .name(p.optionalString("name").orElse(""))
                .target(ctx.output("targetSha").orElseThrow())
                .prerelease(p.bool("prerelease", false))
                .dryRun(ctx.dryRun())
                .call();
        if (change.change() == ReleaseChange.Change.PLANNED) {
            ctx.plan(change.summary());
            return StepOutcome.succeeded(change.summary());
        }
        Map<String, String> out =
                change.release().map(GitHubReleaseProcess::describe).orElse(Map.of());
        return change.wrote()
                ? StepOutcome.succeeded(change.summary(), out)
                : StepOutcome.skipped(change.summary(), out);
    }

    private StepOutcome notes(StepContext ctx, ReleaseHost host) {
        RunParameters p = ctx.parameters();
        Releases releases = new Releases(host);
        String tag = ctx.output("tag").orElseThrow();
        String previous = ctx.output("previousTag").orElse("");
        String sha = ctx.output("targetSha").orElseThrow();
        String body;
        if (p.optionalString("notes").isPresent()) {
            body = p.string("notes");
        } else if (previous.isEmpty()) {
            body = "First release of " + host.location() + ".\n";
        } else {
            NotesConfig config = NotesConfig.defaults()
                    .withCategories(categories(p))
                    .withExcludeLabels(p.strings("excludeLabels"))
                    .withTitleFallback(p.bool("titleFallback", true));
            ReleaseNotes notes = releases.notes(previous, sha, config);
            body = notes.markdown() + "\n**Full Changelog**: " + previous + "..." + tag + "\n";
        }
        boolean publish = p.bool("publish", true);
        if (ctx.dryRun() && releases.find(tag).isEmpty()) {
            String plan = "would write notes (" + body.length() + " characters)" + (publish ? " and publish" : "")
                    + " on release " + tag;
            ctx.plan(plan);
            // the release is only planned by create-release: its draft will be there, without these notes
            if (publish) {
                releases.plan(tag, plan, WriteOperation.WRITE, WriteOperation.PUBLISH);
            } else {
                releases.plan(tag, plan, WriteOperation.WRITE);
            }
            return StepOutcome.succeeded(plan);
        }
        ReleaseChange change = releases.writeNotes(tag, body, publish, ctx.dryRun());
        if (change.change() == ReleaseChange.Change.PLANNED) {
            ctx.plan(change.summary());
            return StepOutcome.succeeded(change.summary());
        }
        Map<String, String> out =
                change.release().map(GitHubReleaseProcess::describe).orElse(Map.of());
        return change.wrote()
                ? StepOutcome.succeeded(change.summary(), out)
                : StepOutcome.skipped(change.summary(), out);
    }

    private static Optional<String> previousTag(TagScheme scheme, String tag, List<String> tags) {
        Optional<SemVer> version = scheme.versionOf(tag);
        if (version.isEmpty()) {
            return scheme.latest(tags, false).map(scheme::tagFor);
        }
        return tags.stream()
                .filter(t -> scheme.versionOf(t)
                        .filter(v -> !v.isPreRelease() && version.get().isHigherThan(v))
                        .isPresent())
                .max((a, b) -> scheme.versionOf(a)
                        .orElseThrow()
                        .compareTo(scheme.versionOf(b).orElseThrow()));
    }

    private static Map<String, String> describe(Release r) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("releaseId", Long.toString(r.id()));
        out.put("releaseUrl", r.url());
        out.put("draft", Boolean.toString(r.draft()));
        return out;
    }

    private static Bump bump(RunParameters p) {
        String b = p.optionalString("bump").orElse("PATCH").toUpperCase(Locale.ROOT);
        try {
            return Bump.valueOf(b);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("parameter 'bump' must be PATCH, MINOR or MAJOR, was '" + b + "'");
        }
    }

    /** Parses {@code Title=label1,label2} entries. */
    static List<NotesCategory> categories(RunParameters p) {
        List<NotesCategory> out = new ArrayList<>();
        for (String entry : p.strings("categories")) {
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new InvalidInputException(
                        "category '" + entry + "' must be 'Title=label1,label2' (use '*' for any label)");
            }
            List<String> labels = Arrays.stream(entry.substring(eq + 1).split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList();
            out.add(new NotesCategory(entry.substring(0, eq).strip(), labels, List.of()));
        }
        return out;
    }
}
