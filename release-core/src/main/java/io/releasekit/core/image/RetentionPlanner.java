package io.releasekit.core.image;

import io.releasekit.core.version.SemVer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a {@link RetentionPolicy} and a repository's tags into a {@link RetentionPlan}. Pure: the same tags, policy and
 * time give the same plan.
 *
 * <p>A digest named by any kept tag is never deleted. Where the registry can remove tags alone ({@link
 * ImageRegistry#supportsTagDelete()}), the other tags of such a digest are removed one by one; where it can only
 * delete manifests, they are kept, since deleting the manifest would remove the kept tag too.
 */
public final class RetentionPlanner {

    private RetentionPlanner() {}

    /**
     * Plans.
     *
     * @param registry the registry's name, for the plan
     * @param repository the repository
     * @param tags the repository's tags ({@link TagInfo#inventory})
     * @param policy what to keep
     * @param now the time ages are measured at
     * @param tagDelete whether the registry removes tags alone
     */
    public static RetentionPlan plan(
            String registry,
            String repository,
            List<TagInfo> tags,
            RetentionPolicy policy,
            Instant now,
            boolean tagDelete) {
        List<Pattern> patterns =
                policy.keepPatterns().stream().map(Pattern::compile).toList();
        List<TagInfo> newestFirst = new ArrayList<>(tags);
        newestFirst.sort(Comparator.comparing((TagInfo t) -> t.created().orElse(Instant.MIN))
                .reversed()
                .thenComparing(TagInfo::tag));
        Map<String, String> keep = new LinkedHashMap<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            TagInfo t = newestFirst.get(i);
            reason(t, i, policy, patterns, now).ifPresent(r -> keep.put(t.tag(), r));
        }
        Map<ImageDigest, String> keptDigests = new LinkedHashMap<>();
        for (TagInfo t : newestFirst) {
            if (policy.protectedTags().contains(t.tag())) {
                keptDigests.put(t.digest(), "protected tag '" + t.tag() + "' names it");
            }
        }
        for (TagInfo t : newestFirst) {
            if (keep.containsKey(t.tag())) {
                keptDigests.putIfAbsent(t.digest(), "kept tag '" + t.tag() + "' names it");
            }
        }
        List<RetentionPlan.Kept> kept = new ArrayList<>();
        Map<ImageDigest, List<TagInfo>> removable = new LinkedHashMap<>();
        for (TagInfo t : newestFirst) {
            String reason = keep.get(t.tag());
            if (reason == null && keptDigests.containsKey(t.digest()) && !tagDelete) {
                reason = "its digest is kept (" + keptDigests.get(t.digest())
                        + ") and the registry deletes whole manifests only";
            }
            if (reason != null) {
                kept.add(new RetentionPlan.Kept(t.tag(), t.digest(), reason));
            } else {
                removable.computeIfAbsent(t.digest(), d -> new ArrayList<>()).add(t);
            }
        }
        List<RetentionPlan.Removal> removals = new ArrayList<>();
        removable.forEach((digest, ts) -> {
            TagInfo first = ts.get(0);
            if (keptDigests.containsKey(digest) || tagDelete) {
                for (TagInfo t : ts) {
                    removals.add(new RetentionPlan.Removal(
                            RetentionPlan.Removal.Kind.TAG, digest, List.of(t.tag()), t.created(), t.size()));
                }
            } else {
                removals.add(new RetentionPlan.Removal(
                        RetentionPlan.Removal.Kind.MANIFEST,
                        digest,
                        ts.stream().map(TagInfo::tag).sorted().toList(),
                        first.created(),
                        first.size()));
            }
        });
        return new RetentionPlan(registry, repository, removals, kept);
    }

    private static Optional<String> reason(
            TagInfo t, int rank, RetentionPolicy p, List<Pattern> patterns, Instant now) {
        if (p.protectedTags().contains(t.tag())) {
            return Optional.of("protected tag");
        }
        if (rank < p.keepNewest()) {
            return Optional.of("one of the " + p.keepNewest() + " newest");
        }
        if (p.keepSemVer() && isSemVer(t.tag())) {
            return Optional.of("SemVer tag");
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(t.tag()).matches()) {
                return Optional.of("matches '" + pattern.pattern() + "'");
            }
        }
        if (t.created().isEmpty()) {
            return Optional.of("build time unknown, so its age cannot be checked");
        }
        if (t.created().get().isAfter(now.minus(p.minAge()))) {
            return Optional.of("younger than " + p.minAge().toDays() + " days");
        }
        return Optional.empty();
    }

    static boolean isSemVer(String tag) {
        String v = tag.startsWith("v") ? tag.substring(1) : tag;
        return SemVer.tryParse(v).isPresent();
    }
}
