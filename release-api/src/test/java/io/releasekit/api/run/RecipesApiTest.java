package io.releasekit.api.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.server.EmbeddedServer;
import io.releasekit.api.TestTokens;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.artifact.FileSystemArtifactStore;
import io.releasekit.core.host.PullRequest;
import io.releasekit.core.host.ReleaseHosts;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.InMemoryReleaseHost;
import io.releasekit.core.version.TagScheme;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The recipe kinds over REST: listed with the primitives, and seed 001's release started with one POST. */
class RecipesApiTest {

    static final InMemoryReleaseHost GITHUB = new InMemoryReleaseHost();
    static Path beta;

    /** GitHub in memory and a file-system beta stage, for this test only. */
    @Factory
    @Requires(property = "releasekit.test.recipes", value = "true")
    static class Beans {
        @Singleton
        @Replaces(ReleaseHosts.class)
        ReleaseHosts hosts(ServiceGuards guards) {
            return ReleaseHosts.builder(guards)
                    .add("cfn", GITHUB, TagScheme.of("release-"))
                    .build();
        }

        @Singleton
        @Replaces(ArtifactStores.class)
        ArtifactStores stores(ServiceGuards guards) throws IOException {
            beta = Files.createTempDirectory("releasekit-recipes-beta-");
            return new ArtifactStores(Map.of("beta", new FileSystemArtifactStore(beta)), guards);
        }
    }

    @Test
    void listsTheRecipesAndRunsTheRegistryReleaseWithOnePost() throws Exception {
        GITHUB.ref("main", "1111111111111111111111111111111111111111")
                .tag("release-0.1.1", "0000000000000000000000000000000000000000");
        GITHUB.release("release-0.1.1", "", false);
        GITHUB.pullRequest(new PullRequest(
                7,
                "New resource AwsCommunity::Time::Offset",
                "Adds a time offset resource.",
                List.of(),
                "dev",
                Optional.of(Instant.parse("2026-11-20T10:00:00Z")),
                "https://github.com/x/y/pull/7"));
        byte[] zip = "zip of release-0.1.2".getBytes(StandardCharsets.UTF_8);
        GITHUB.archive("release-0.1.2", zip);
        Map<String, Object> p = Map.of(
                "releasekit.test.recipes", "true", "releasekit.data-dir", "./target/recipes-api-" + System.nanoTime());
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, p, "test")) {
            RunsHttp http = new RunsHttp(server.getURI());

            assertThat(http.get("/api/v1/run-kinds", TestTokens.READER).jsonList())
                    .extracting(k -> k.get("kind"))
                    .contains("registry.release", "train.release", "packit.deployment", "emergency-publish");

            Map<String, Object> run = http.start(
                    TestTokens.CI,
                    "registry.release",
                    Map.of("repository", "cfn", "store", "beta", "stagePrefix", "awscommunity/{tag}/"));
            Map<String, Object> done =
                    http.awaitState((String) run.get("id"), Duration.ofSeconds(30), "SUCCEEDED", "FAILED");

            assertThat(done.get("state")).as(String.valueOf(done)).isEqualTo("SUCCEEDED");
            assertThat(RunsHttp.steps(done).get("plan-release").get("outputs"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("tag", "release-0.1.2");
            assertThat(GITHUB.findRelease("release-0.1.2").orElseThrow().body())
                    .contains("Adds a time offset resource.");
            assertThat(beta.resolve("awscommunity/release-0.1.2/test-release-0.1.2.zip"))
                    .hasBinaryContent(zip);
            assertThat(beta.resolve("awscommunity/release-0.1.2/SHA256SUMS")).exists();
        }
    }
}
