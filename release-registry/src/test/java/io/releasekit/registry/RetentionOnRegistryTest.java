package io.releasekit.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.core.image.ImageRegistries;
import io.releasekit.core.image.ImageRegistry;
import io.releasekit.core.image.RetentionExecutor;
import io.releasekit.core.image.RetentionPlan;
import io.releasekit.core.image.RetentionPlanner;
import io.releasekit.core.image.RetentionPolicy;
import io.releasekit.core.image.RetentionReport;
import io.releasekit.core.image.TagInfo;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.registry.testkit.RegistryContainer;
import io.releasekit.registry.testkit.TestImages;
import io.releasekit.registry.testkit.TestImages.Pushed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Retention plan and exact execution against the real registry (manifest deletion only). */
class RetentionOnRegistryTest {

    private static final Instant NOW = Instant.parse("2026-12-06T00:00:00Z");

    @Test
    void deletesExactlyThePlanAndNeverADigestAKeptTagNames() {
        RegistryContainer c = RegistryContainer.shared();
        try (ServiceGuards guards = ServiceGuards.withDefaults()) {
            ImageRegistry r = ImageRegistries.of(
                            Map.of(
                                    "local",
                                    OciImageRegistry.builder("local", c.uri()).build()),
                            guards)
                    .get("local");
            String repo = "retention/" + UUID.randomUUID().toString().substring(0, 8);
            Pushed release = TestImages.push(r, repo, "1.0.0", 1, 100, 21, NOW.minus(Duration.ofDays(200)), Map.of());
            Pushed stable = TestImages.push(r, repo, "build-41", 1, 100, 22, NOW.minus(Duration.ofDays(90)), Map.of());
            r.putManifest(repo, "stable", stable.mediaType(), stable.manifest());
            Pushed old = TestImages.push(r, repo, "build-40", 1, 100, 23, NOW.minus(Duration.ofDays(120)), Map.of());
            r.putManifest(repo, "pr-3", old.mediaType(), old.manifest());
            Pushed fresh = TestImages.push(r, repo, "build-42", 1, 100, 24, NOW.minus(Duration.ofDays(1)), Map.of());
            Pushed late = TestImages.push(r, repo, "build-39", 1, 100, 25, NOW.minus(Duration.ofDays(150)), Map.of());

            List<TagInfo> inventory = TagInfo.inventory(r, repo);
            RetentionPlan plan = RetentionPlanner.plan(
                    "local",
                    repo,
                    inventory,
                    new RetentionPolicy(1, true, List.of(), Set.of("stable"), Duration.ofDays(30)),
                    NOW,
                    false);

            assertThat(plan.removals())
                    .extracting(x -> x.digest() + " " + x.tags())
                    .containsExactlyInAnyOrder(old.digest() + " [build-40, pr-3]", late.digest() + " [build-39]");
            assertThat(plan.kept())
                    .extracting(RetentionPlan.Kept::tag)
                    .containsExactlyInAnyOrder("1.0.0", "build-41", "stable", "build-42");

            RetentionReport dry = RetentionExecutor.execute(r, plan, true, o -> {});
            assertThat(dry.count(RetentionReport.Status.PLANNED)).isEqualTo(2);
            assertThat(r.listTags(repo)).hasSize(7);

            // between the dry run and the real run, someone tags build-39's image as a release
            r.putManifest(repo, "1.1.0", late.mediaType(), late.manifest());
            RetentionReport real = RetentionExecutor.execute(r, plan, false, o -> {});

            assertThat(real.outcomes())
                    .extracting(o -> o.removal().tags().get(0) + " " + o.status())
                    .containsExactlyInAnyOrder("build-40 DELETED", "build-39 CHANGED");
            assertThat(r.listTags(repo))
                    .containsExactlyInAnyOrder("1.0.0", "build-41", "stable", "build-42", "build-39", "1.1.0");
            assertThat(r.resolve(repo, "stable")).contains(stable.digest());
            assertThat(r.resolve(repo, "1.0.0")).contains(release.digest());
            assertThat(r.resolve(repo, "build-42")).contains(fresh.digest());
        }
    }
}
