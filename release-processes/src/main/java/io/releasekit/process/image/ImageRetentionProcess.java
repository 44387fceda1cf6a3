package io.releasekit.process.image;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.image.ImageDigest;
import io.releasekit.core.image.ImageRegistries;
import io.releasekit.core.image.ImageRegistry;
import io.releasekit.core.image.ImageRepositories;
import io.releasekit.core.image.RetentionExecutor;
import io.releasekit.core.image.RetentionPlan;
import io.releasekit.core.image.RetentionPlanner;
import io.releasekit.core.image.RetentionPolicy;
import io.releasekit.core.image.RetentionReport;
import io.releasekit.core.image.TagInfo;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code image.retention} (seed 004: "roughly once a month check the Quay repository and remove older images"):
 *
 * <ol>
 *   <li>{@code plan}: every tag with its digest, build time and size, and the policy, give the plan (output
 *       {@code plan}, one removal a line: kind, digest, tags, size) — what a dry run shows;
 *   <li>{@code delete}: exactly the plan's removals, each re-checked just before (a tag that moved since the plan is
 *       skipped); a digest a kept tag names is never deleted. In a dry run every removal is planned, nothing deleted.
 * </ol>
 *
 * A resumed run deletes from the recorded plan, not from a new one. The dry run reports each deletion as a structured
 * planned write ({@code delete registry <name>: <repository>@<digest>}, or {@code :<tag>} for a tag removal), so the
 * engine asks for the approvals a protection rule on the repository names before the run starts, and the protected
 * registry refuses any deletion the plan does not name.
 */
public final class ImageRetentionProcess implements ProcessDefinition {

    /** The kind. */
    public static final String KIND = "image.retention";

    private final ImageRegistries registries;
    private final Clock clock;

    /**
     * @param registries the configured registries
     * @param clock the time ages are measured at
     */
    public ImageRetentionProcess(ImageRegistries registries, Clock clock) {
        this.registries = registries;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Image retention: a policy gives a plan (dry run), the real run deletes exactly the plan (seed 004)";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.builder()
                .string("registry", true, "configured registry")
                .string("repository", true, "repository, e.g. packit/packit-service")
                .integer("keepNewest", false, "keep the N newest tags (default 10)")
                .bool("keepSemVer", false, "keep every SemVer tag (default true)")
                .strings("keepPatterns", false, "regular expressions of tags to keep")
                .strings("protectedTags", false, "tags whose images are kept (default stable, latest, main)")
                .integer("minAgeDays", false, "never delete an image younger than this (default 30)")
                .build();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        ImageRegistry r = registries.get(p.string("registry"));
        String repo = ImageRepositories.check(p.string("repository"));
        List<String> protectedTags =
                p.strings("protectedTags").isEmpty() ? List.of("stable", "latest", "main") : p.strings("protectedTags");
        RetentionPolicy policy = new RetentionPolicy(
                (int) p.integer("keepNewest", 10),
                p.bool("keepSemVer", true),
                p.strings("keepPatterns"),
                new HashSet<>(protectedTags),
                Duration.ofDays(p.integer("minAgeDays", 30)));
        return List.of(new PlanStep(r, repo, policy, clock), new DeleteStep(r, repo));
    }

    /** One removal a line: {@code KIND digest tag,tag size}. */
    static String write(RetentionPlan plan) {
        StringBuilder b = new StringBuilder();
        for (RetentionPlan.Removal r : plan.removals()) {
            b.append(r.kind())
                    .append(' ')
                    .append(r.digest())
                    .append(' ')
                    .append(String.join(",", r.tags()))
                    .append(' ')
                    .append(r.size())
                    .append('\n');
        }
        return b.toString();
    }

    static RetentionPlan read(String registry, String repository, String text) {
        List<RetentionPlan.Removal> removals = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(" ");
            if (f.length != 4) {
                throw new InvalidInputException("recorded retention plan line is malformed: '" + line + "'");
            }
            removals.add(new RetentionPlan.Removal(
                    RetentionPlan.Removal.Kind.valueOf(f[0]),
                    ImageDigest.of(f[1]),
                    Arrays.asList(f[2].split(",")),
                    Optional.empty(),
                    Long.parseLong(f[3])));
        }
        return new RetentionPlan(registry, repository, removals, List.of());
    }

    private record PlanStep(ImageRegistry registry, String repository, RetentionPolicy policy, Clock clock)
            implements Step {
        @Override
        public String name() {
            return "plan";
        }

        @Override
        public List<ServiceNeed> services() {
            return List.of(ServiceNeed.strict(registry.service()));
        }

        @Override
        public boolean writes() {
            return false;
        }

        @Override
        public StepOutcome execute(StepContext ctx) {
            List<TagInfo> tags = TagInfo.inventory(registry, repository);
            RetentionPlan plan = RetentionPlanner.plan(
                    registry.name(), repository, tags, policy, clock.instant(), registry.supportsTagDelete());
            return StepOutcome.succeeded(
                    tags.size() + " tag(s): remove " + plan.removals().size() + " (" + plan.bytes() + " bytes), keep "
                            + plan.kept().size(),
                    Map.of(
                            "plan",
                            write(plan),
                            "removals",
                            String.valueOf(plan.removals().size())));
        }
    }

    private record DeleteStep(ImageRegistry registry, String repository) implements Step {
        @Override
        public String name() {
            return "delete";
        }

        @Override
        public List<ServiceNeed> services() {
            return List.of(ServiceNeed.strict(registry.service()));
        }

        @Override
        public StepOutcome execute(StepContext ctx) {
            RetentionPlan plan =
                    read(registry.name(), repository, ctx.output("plan").orElse(""));
            if (plan.removals().isEmpty()) {
                return StepOutcome.skipped("nothing to remove");
            }
            RetentionReport report = RetentionExecutor.execute(registry, plan, ctx.dryRun(), o -> {
                if (ctx.dryRun() && o.status() == RetentionReport.Status.PLANNED) {
                    RetentionPlan.Removal r = o.removal();
                    // what RetentionExecutor deletes: the manifest by digest, or (tag removal) the first tag alone
                    ctx.plan(PlannedWrite.imageDelete(
                            registry.name(),
                            repository,
                            r.kind() == RetentionPlan.Removal.Kind.MANIFEST
                                    ? r.digest().value()
                                    : r.tags().get(0),
                            "delete " + r.kind().name().toLowerCase() + " " + r.digest() + " " + r.tags() + " from "
                                    + registry.name() + "/" + repository));
                }
            });
            StringBuilder record = new StringBuilder();
            report.outcomes().forEach(o -> record.append(o.status())
                    .append(' ')
                    .append(o.removal().digest())
                    .append(' ')
                    .append(o.removal().tags())
                    .append(o.detail().isEmpty() ? "" : " " + o.detail())
                    .append('\n'));
            return StepOutcome.succeeded(
                    (ctx.dryRun()
                                    ? "would delete " + report.count(RetentionReport.Status.PLANNED)
                                    : "deleted " + report.count(RetentionReport.Status.DELETED))
                            + ", changed since the plan "
                            + report.count(RetentionReport.Status.CHANGED) + ", already gone "
                            + report.count(RetentionReport.Status.GONE),
                    Map.of("deletions", record.toString()));
        }
    }
}
