package io.releasekit.core.image;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Executes a {@link RetentionPlan} exactly: each removal is re-checked just before it (every tag it names must still
 * name the planned digest) and then deleted; nothing outside the plan is touched. A removal whose tags moved since
 * the plan is skipped as {@link RetentionReport.Status#CHANGED}, so an image pushed between the dry run and the real
 * run is never lost.
 */
public final class RetentionExecutor {

    private RetentionExecutor() {}

    /**
     * Executes.
     *
     * @param registry the registry the plan was made for (guarded, from {@link ImageRegistries})
     * @param plan the plan
     * @param dryRun whether to only re-check
     * @param onOutcome told about each outcome as it happens (e.g. to record it)
     * @throws InvalidInputException when the plan names another registry
     */
    public static RetentionReport execute(
            ImageRegistry registry, RetentionPlan plan, boolean dryRun, Consumer<RetentionReport.Outcome> onOutcome) {
        if (!registry.name().equals(plan.registry())) {
            throw new InvalidInputException(
                    "the plan is for registry '" + plan.registry() + "', not '" + registry.name() + "'");
        }
        Map<String, ImageDigest> current =
                plan.removals().stream().anyMatch(r -> r.kind() == RetentionPlan.Removal.Kind.MANIFEST)
                        ? current(registry, plan.repository())
                        : Map.of();
        List<RetentionReport.Outcome> outcomes = new ArrayList<>();
        for (RetentionPlan.Removal r : plan.removals()) {
            RetentionReport.Outcome o = one(registry, plan.repository(), r, dryRun, current);
            outcomes.add(o);
            onOutcome.accept(o);
        }
        return new RetentionReport(plan, outcomes, dryRun);
    }

    /** Every tag's digest now: a manifest deletion must not take a tag the plan did not name. */
    private static Map<String, ImageDigest> current(ImageRegistry registry, String repository) {
        Map<String, ImageDigest> m = new HashMap<>();
        for (String tag : registry.listTags(repository)) {
            registry.resolve(repository, tag).ifPresent(d -> m.put(tag, d));
        }
        return m;
    }

    private static RetentionReport.Outcome one(
            ImageRegistry registry,
            String repository,
            RetentionPlan.Removal r,
            boolean dryRun,
            Map<String, ImageDigest> current) {
        if (r.kind() == RetentionPlan.Removal.Kind.MANIFEST) {
            for (Map.Entry<String, ImageDigest> e : current.entrySet()) {
                if (e.getValue().equals(r.digest()) && !r.tags().contains(e.getKey())) {
                    return new RetentionReport.Outcome(
                            r,
                            RetentionReport.Status.CHANGED,
                            "tag '" + e.getKey() + "', which the plan keeps, names " + r.digest() + " now");
                }
            }
        }
        int gone = 0;
        for (String tag : r.tags()) {
            Optional<ImageDigest> now = registry.resolve(repository, tag);
            if (now.isEmpty()) {
                gone++;
            } else if (!now.get().equals(r.digest())) {
                return new RetentionReport.Outcome(
                        r, RetentionReport.Status.CHANGED, "tag '" + tag + "' names " + now.get() + " now");
            }
        }
        if (gone == r.tags().size()) {
            return new RetentionReport.Outcome(r, RetentionReport.Status.GONE, "");
        }
        if (dryRun) {
            return new RetentionReport.Outcome(r, RetentionReport.Status.PLANNED, "");
        }
        try {
            if (r.kind() == RetentionPlan.Removal.Kind.MANIFEST) {
                registry.deleteManifest(repository, r.digest());
            } else {
                registry.deleteTag(repository, r.tags().get(0));
            }
        } catch (NotFoundException e) {
            return new RetentionReport.Outcome(r, RetentionReport.Status.GONE, "");
        }
        return new RetentionReport.Outcome(r, RetentionReport.Status.DELETED, "");
    }
}
