package io.releasekit.api.run;

import static io.releasekit.git.testkit.GitCli.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.releasekit.api.TestTokens;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.protect.ApprovalRequiredException;
import io.releasekit.git.testkit.GitHttpServer;
import io.releasekit.git.testkit.RepoFixture;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bypasses of issue 11, reproduced against the running service and now closed: protection belongs to the target,
 * so a {@code ci} token reaches neither the emergency-publish destination through {@code artifacts.publish} nor a
 * diverged {@code stable} through the direct move and push endpoints. Checked with the {@code git} CLI and the
 * destination directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtectionApiTest {

    static final String SHA = "4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b";

    Path root;
    GitHttpServer gitServer;
    RepoFixture direct;
    RepoFixture viaRun;
    String main;
    String stable;
    EmbeddedServer server;
    RunsHttp http;

    @BeforeAll
    void start() throws Exception {
        root = Files.createTempDirectory("releasekit-protection");
        gitServer = GitHttpServer.start(Files.createDirectories(root.resolve("git")));
        direct = gitServer.createRepository("direct.git");
        viaRun = gitServer.createRepository("via-run.git");
        for (RepoFixture r : List.of(direct, viaRun)) {
            String release = r.commit("main", "Release 1.0.0", "VERSION", "1.0.0\n");
            main = r.commit("main", "Start 1.1.0-dev", "VERSION", "1.1.0-dev\n");
            r.branch("stable", release);
            stable = r.commit("stable", "hotfix only on stable", "hot.txt", "h\n");
        }
        Map<String, Object> p = new HashMap<>();
        repository(p, "direct");
        repository(p, "via-run");
        for (String s : List.of("artifacts", "releases")) {
            p.put("releasekit.stores." + s + ".type", "fs");
            p.put("releasekit.stores." + s + ".path", root.resolve(s).toString());
        }
        for (String repo : List.of("direct", "via-run")) {
            String key = "releasekit.protection.rules.stable-" + repo + ".";
            p.put(key + "repository", repo);
            p.put(key + "branch", "stable");
            p.put(key + "operations", List.of("force-move", "force-push"));
            p.put(key + "approvals", 1);
        }
        p.put("releasekit.data-dir", root.resolve("data").toString());
        server = ApplicationContext.run(EmbeddedServer.class, p, "test");
        http = new RunsHttp(server.getURI());
    }

    private void repository(Map<String, Object> p, String name) {
        String key = "releasekit.repositories." + name + ".";
        p.put(key + "path", root.resolve("work-" + name).toString());
        p.put(key + "remote-url", gitServer.url(name + ".git"));
        p.put(key + "author-name", RepoFixture.RELEASER.name());
        p.put(key + "author-email", RepoFixture.RELEASER.email());
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        gitServer.close();
        direct.close();
        viaRun.close();
    }

    @Test
    void aCiTokenCannotForceADivergedStableThroughTheDirectEndpoints() {
        assertThat(http.post("/api/v1/repositories/direct/fetch", TestTokens.CI, "{}")
                        .status())
                .isEqualTo(200);
        Path work = root.resolve("work-direct");

        RunsHttp.Response move = http.post(
                "/api/v1/repositories/direct/branches/move",
                TestTokens.CI,
                RunsHttp.json(Map.of("branch", "stable", "to", "main", "force", true)));

        assertThat(move.status()).as(move.body()).isEqualTo(403);
        assertThat(move.header("Content-Type")).startsWith("application/problem+json");
        assertThat(move.json().get("type").toString()).endsWith("/approval-required");
        assertThat(move.json().get("detail").toString())
                .contains("force-move of repository direct: branch stable")
                .contains("rule 'stable-direct'")
                .contains("1 approval(s) by distinct 'release-manager' principals")
                .contains("POST /api/v1/runs");
        assertThat(git(work, "rev-parse", "refs/heads/stable")).isEqualTo(stable);

        // whatever changed the clone's stable (here: git itself), a force push of it is refused as well
        git(work, "branch", "-f", "stable", main);
        RunsHttp.Response push = http.post(
                "/api/v1/repositories/direct/push",
                TestTokens.CI,
                RunsHttp.json(Map.of("refs", List.of("stable"), "force", true)));

        assertThat(push.status()).as(push.body()).isEqualTo(403);
        assertThat(push.json().get("type").toString()).endsWith("/approval-required");
        assertThat(push.json().get("detail").toString()).contains("force-push of repository direct: branch stable");
        assertThat(git(direct.gitDir(), "rev-parse", "refs/heads/stable")).isEqualTo(stable);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSameMoveAsARunShowsItsPlanAndWaitsForAReleaseManager() {
        Map<String, Object> run = http.start(
                TestTokens.CI,
                "git.move-branch",
                Map.of("repository", "via-run", "branch", "stable", "to", "main", "force", true));
        String id = (String) run.get("id");

        assertThat(run).containsEntry("state", "AWAITING_APPROVAL").containsEntry("approvalsRequired", 1);
        Map<String, Map<String, Object>> steps =
                RunsHttp.steps(http.get("/api/v1/runs/" + id, TestTokens.READER).json());
        assertThat((List<Map<String, Object>>) steps.get("move-branch").get("writes"))
                .extracting(w -> w.get("operation") + " " + w.get("target"))
                .containsExactly("force-move repository via-run: branch stable");
        assertThat((List<Map<String, Object>>) steps.get("push-branch").get("writes"))
                .extracting(w -> w.get("operation") + " " + w.get("target"))
                .containsExactly("force-push repository via-run: branch stable");
        assertThat(git(viaRun.gitDir(), "rev-parse", "refs/heads/stable")).isEqualTo(stable);
        assertThat(approve(id, TestTokens.CI).status()).isEqualTo(403);

        assertThat(approve(id, TestTokens.RELEASE_MANAGER_1).status()).isEqualTo(200);
        Map<String, Object> done = http.awaitState(id, Duration.ofSeconds(30), "SUCCEEDED", "FAILED");

        assertThat(done).as(done.toString()).containsEntry("state", "SUCCEEDED");
        assertThat(git(viaRun.gitDir(), "rev-parse", "refs/heads/stable")).isEqualTo(main);
    }

    @Test
    @SuppressWarnings("unchecked")
    void artifactsPublishIntoTheEmergencyDestinationWaitsForTwoReleaseManagers() throws Exception {
        ArtifactStores stores = server.getApplicationContext().getBean(ArtifactStores.class);
        byte[] tarball = "ferrocene tarball".getBytes(StandardCharsets.UTF_8);
        put(stores.get("artifacts"), SHA + "/ferrocene.tar.xz", tarball);
        put(
                stores.get("artifacts"),
                SHA + "/SHA256SUMS",
                (sha256(tarball) + " *ferrocene.tar.xz\n").getBytes(StandardCharsets.UTF_8));

        Map<String, Object> run = http.start(
                TestTokens.CI,
                "artifacts.publish",
                Map.of(
                        "sourceStore",
                        "artifacts",
                        "sourcePrefix",
                        SHA + "/",
                        "destinationStore",
                        "releases",
                        "destinationPrefix",
                        SHA + "/"));
        String id = (String) run.get("id");

        assertThat(run).containsEntry("state", "AWAITING_APPROVAL").containsEntry("approvalsRequired", 2);
        assertThat((List<Map<String, Object>>) RunsHttp.steps(run).get("copy").get("writes"))
                .extracting(w -> w.get("operation") + " " + w.get("target"))
                .containsExactly("write store releases: " + SHA + "/ferrocene.tar.xz");
        assertThat(Files.exists(root.resolve("releases"))
                        && Files.list(root.resolve("releases")).findAny().isPresent())
                .isFalse();
        assertThat(approve(id, TestTokens.CI).status()).isEqualTo(403);
        assertThat(approve(id, TestTokens.RELEASE_MANAGER_1).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/runs/" + id, TestTokens.READER).json())
                .containsEntry("state", "AWAITING_APPROVAL");
        assertThat(approve(id, TestTokens.RELEASE_MANAGER_2).status()).isEqualTo(200);

        Map<String, Object> done = http.awaitState(id, Duration.ofSeconds(30), "SUCCEEDED", "FAILED");
        assertThat(done).as(done.toString()).containsEntry("state", "SUCCEEDED");
        assertThat(root.resolve("releases/" + SHA + "/SHA256SUMS")).exists();
    }

    @Test
    void aLibraryWriteToTheEmergencyDestinationOutsideARunIsRefused() {
        ArtifactStore releases =
                server.getApplicationContext().getBean(ArtifactStores.class).get("releases");

        assertThatThrownBy(() -> put(releases, "sneaky/x", "x".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ApprovalRequiredException.class)
                .hasMessageContaining("rule 'emergency-publish-destination'");
        assertThat(releases.stat(ArtifactKey.of("sneaky/x"))).isEmpty();
    }

    @Test
    void aRuleNamingAnUnknownStoreStopsTheStartNamingItsKey() {
        Map<String, Object> p = new HashMap<>();
        p.put("releasekit.data-dir", root.resolve("data-bad").toString());
        p.put("releasekit.protection.rules.bad.store", "nope");
        p.put("releasekit.protection.rules.bad.operations", List.of("write"));

        assertThatThrownBy(() ->
                        ApplicationContext.run(EmbeddedServer.class, p, "test").close())
                .hasStackTraceContaining("releasekit.protection.rules.bad.store names 'nope'");
    }

    private RunsHttp.Response approve(String id, String token) {
        return http.post("/api/v1/runs/" + id + "/approvals", token, "{}");
    }

    private static void put(ArtifactStore store, String key, byte[] bytes) throws Exception {
        store.put(ArtifactKey.of(key), new ByteArrayInputStream(bytes), bytes.length, sha256(bytes));
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
