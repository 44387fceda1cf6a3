package io.releasekit.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetentionPlannerTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final ImageDigest A = digest('a');
    private static final ImageDigest B = digest('b');
    private static final ImageDigest C = digest('c');
    private static final ImageDigest D = digest('d');

    // stable and main name B; B's build tag is old; C is old and unprotected; D is recent
    private static final List<TagInfo> TAGS = List.of(
            tag("1.0.0", A, 200),
            tag("build-100", A, 200),
            tag("build-101", B, 150),
            tag("stable", B, 150),
            tag("build-102", C, 100),
            tag("pr-7", C, 100),
            tag("build-103", D, 2));

    private static final RetentionPolicy POLICY =
            new RetentionPolicy(1, true, List.of("release-.*"), Set.of("stable"), Duration.ofDays(30));

    @Test
    void neverDeletesADigestAKeptTagNamesWhenTheRegistryDeletesManifestsOnly() {
        RetentionPlan plan = RetentionPlanner.plan("quay", "packit/service", TAGS, POLICY, NOW, false);

        assertThat(plan.removals()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RetentionPlan.Removal.Kind.MANIFEST);
            assertThat(r.digest()).isEqualTo(C);
            assertThat(r.tags()).containsExactly("build-102", "pr-7");
        });
        assertThat(plan.kept())
                .extracting(RetentionPlan.Kept::tag)
                .containsExactlyInAnyOrder("1.0.0", "build-100", "build-101", "stable", "build-103");
        assertThat(plan.kept())
                .filteredOn(k -> k.tag().equals("build-100"))
                .singleElement()
                .extracting(RetentionPlan.Kept::reason)
                .asString()
                .contains("kept tag '1.0.0' names it");
        assertThat(plan.kept())
                .filteredOn(k -> k.tag().equals("build-103"))
                .singleElement()
                .extracting(RetentionPlan.Kept::reason)
                .asString()
                .contains("newest");
        assertThat(plan.bytes()).isEqualTo(100);
    }

    @Test
    void removesSingleTagsOfAKeptDigestWhereTheRegistryCanDeleteTags() {
        RetentionPlan plan = RetentionPlanner.plan("quay", "packit/service", TAGS, POLICY, NOW, true);

        assertThat(plan.removals())
                .extracting(r -> r.kind() + " " + r.tags())
                .containsExactlyInAnyOrder("TAG [build-100]", "TAG [build-101]", "TAG [build-102]", "TAG [pr-7]");
        assertThat(plan.removals()).noneMatch(r -> r.kind() == RetentionPlan.Removal.Kind.MANIFEST);
    }

    @Test
    void keepsTagsYoungerThanTheMinimumAgeAndThoseWithoutABuildTime() {
        List<TagInfo> tags = List.of(
                new TagInfo("fresh", A, Optional.of(NOW.minus(Duration.ofDays(3))), 1),
                new TagInfo("unknown", B, Optional.empty(), 1),
                new TagInfo("old", C, Optional.of(NOW.minus(Duration.ofDays(90))), 1));

        RetentionPlan plan = RetentionPlanner.plan(
                "r", "x", tags, new RetentionPolicy(0, false, List.of(), Set.of(), Duration.ofDays(30)), NOW, false);

        assertThat(plan.removals()).extracting(r -> r.tags().get(0)).containsExactly("old");
    }

    private static TagInfo tag(String name, ImageDigest digest, int ageDays) {
        return new TagInfo(name, digest, Optional.of(NOW.minus(Duration.ofDays(ageDays))), 100);
    }

    private static ImageDigest digest(char c) {
        return ImageDigest.of("sha256:" + String.valueOf(c).repeat(64));
    }
}
