package io.releasekit.api.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.releasekit.api.TestTokens;
import io.releasekit.aws.testkit.S3ProxyServer;
import io.releasekit.aws.testkit.StsServer;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.artifact.ObjectInfo;
import io.releasekit.core.artifact.ReleaseIndex;
import io.releasekit.core.service.ServiceGuards;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 000 end to end over REST: Ferrocene's emergency release from the CI artifacts bucket (reached through an
 * assumed role) to the releases bucket, two release managers approving, GitHub and Slack down.
 */
class FerroceneEmergencyReleaseE2ETest {

    static final String ARTIFACTS_ROLE = "arn:aws:iam::886866542769:role/publish-release";
    static final String RELEASES_ROLE = "arn:aws:iam::397686924940:role/publish-release";
    static final String SHA = "4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b";

    @Test
    void twoReleaseManagersApproveAndTheVerifiedArtifactsAndManifestLandInTheReleasesBucketWhileGithubIsDown()
            throws Exception {
        try (Accounts aws = Accounts.start()) {
            Map<String, Object> p = aws.properties();
            p.put("releasekit.data-dir", "./target/ferrocene-e2e-" + System.nanoTime());
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, p, "test")) {
                ArtifactStores stores = server.getApplicationContext().getBean(ArtifactStores.class);
                // what CI uploaded for the commit
                ArtifactStore artifacts = stores.get("artifacts");
                byte[] tarball =
                        "ferrocene-24.11.0-x86_64-unknown-linux-gnu.tar.xz bytes".getBytes(StandardCharsets.UTF_8);
                byte[] docs = "ferrocene-docs-24.11.0.tar.xz bytes".getBytes(StandardCharsets.UTF_8);
                put(artifacts, SHA + "/ferrocene-24.11.0-x86_64-unknown-linux-gnu.tar.xz", tarball);
                put(artifacts, SHA + "/ferrocene-docs-24.11.0.tar.xz", docs);
                String sums = sha256(tarball) + " *ferrocene-24.11.0-x86_64-unknown-linux-gnu.tar.xz\n" + sha256(docs)
                        + " *ferrocene-docs-24.11.0.tar.xz\n";
                put(artifacts, SHA + "/SHA256SUMS", sums.getBytes(StandardCharsets.UTF_8));

                ServiceGuards guards = server.getApplicationContext().getBean(ServiceGuards.class);
                guards.register("github").forceOpen("github");
                guards.register("slack").forceOpen("slack");
                RunsHttp http = new RunsHttp(server.getURI());

                RunsHttp.Response preflight = http.post(
                        "/api/v1/run-kinds/emergency-publish/preflight",
                        TestTokens.CI,
                        RunsHttp.json(Map.of("parameters", Map.of("commit", SHA))));
                assertThat(preflight.status()).as(preflight.body()).isEqualTo(200);
                assertThat(preflight.json()).containsEntry("verdict", "GO");

                Map<String, Object> run = http.start(TestTokens.CI, "emergency-publish", Map.of("commit", SHA));
                String id = (String) run.get("id");
                assertThat(run).containsEntry("state", "AWAITING_APPROVAL").containsEntry("approvalsRequired", 2);

                assertThat(approve(http, id, TestTokens.CI).status()).isEqualTo(403);
                assertThat(approve(http, id, TestTokens.RELEASE_MANAGER_1).status())
                        .isEqualTo(200);
                assertThat(stores.get("releases").list("")).isEmpty();
                assertThat(approve(http, id, TestTokens.RELEASE_MANAGER_2).status())
                        .isEqualTo(200);

                Map<String, Object> done = http.awaitState(id, Duration.ofSeconds(30), "SUCCEEDED", "FAILED");
                assertThat(done.get("state")).as(String.valueOf(done)).isEqualTo("SUCCEEDED");
                assertThat(stores.get("releases").list(SHA + "/"))
                        .extracting(o -> o.key().value())
                        .containsExactlyInAnyOrder(
                                SHA + "/ferrocene-24.11.0-x86_64-unknown-linux-gnu.tar.xz",
                                SHA + "/ferrocene-docs-24.11.0.tar.xz",
                                SHA + "/SHA256SUMS");
                try (var in = stores.get("releases").open(ArtifactKey.of(SHA + "/ferrocene-docs-24.11.0.tar.xz"))) {
                    assertThat(in.readAllBytes()).isEqualTo(docs);
                }
                assertThat(index(stores).releases()).singleElement().satisfies(e -> {
                    assertThat(e.commit()).isEqualTo(SHA);
                    assertThat(e.ref()).isEqualTo(SHA);
                    assertThat(e.approvers())
                            .containsExactly(TestTokens.RELEASE_MANAGER_1_NAME, TestTokens.RELEASE_MANAGER_2_NAME);
                    assertThat(e.run()).isEqualTo(id);
                });
                assertThat(aws.sts().assumeRoleRequests(ARTIFACTS_ROLE)).isNotEmpty();
                assertThat(aws.sts().assumeRoleRequests(RELEASES_ROLE)).isNotEmpty();
            }
        }
    }

    @Test
    void aBranchAndAShortHashAreResolvedInTheConfiguredRepositoryAndBothRunsLandInTheReleaseIndex(@TempDir Path tmp)
            throws Exception {
        try (GitHttpServer git = GitHttpServer.start(Files.createDirectories(tmp.resolve("git")));
                RepoFixture origin = git.createRepository("ferrocene.git");
                Accounts aws = Accounts.start()) {
            String release = origin.commit("main", "Ferrocene 24.11.0", "VERSION", "24.11.0\n");
            String head = origin.commit("main", "Start 24.11.1", "VERSION", "24.11.1-dev\n");
            Map<String, Object> p = aws.properties();
            p.put("releasekit.repositories.ferrocene.path", tmp.resolve("clone").toString());
            p.put("releasekit.repositories.ferrocene.remote-url", git.url("ferrocene.git"));
            p.put("releasekit.emergency-publish.repository", "ferrocene");
            p.put("releasekit.data-dir", tmp.resolve("data").toString());
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, p, "test")) {
                ArtifactStores stores = server.getApplicationContext().getBean(ArtifactStores.class);
                for (String commit : List.of(release, head)) {
                    byte[] tarball = ("ferrocene " + commit).getBytes(StandardCharsets.UTF_8);
                    put(stores.get("artifacts"), commit + "/ferrocene.tar.xz", tarball);
                    put(
                            stores.get("artifacts"),
                            commit + "/SHA256SUMS",
                            (sha256(tarball) + " *ferrocene.tar.xz\n").getBytes(StandardCharsets.UTF_8));
                }
                RunsHttp http = new RunsHttp(server.getURI());

                Map<String, Object> a = http.start(TestTokens.CI, "emergency-publish", Map.of("commit", "main"));
                Map<String, Object> b =
                        http.start(TestTokens.CI, "emergency-publish", Map.of("commit", release.substring(0, 10)));
                for (Map<String, Object> run : List.of(a, b)) {
                    assertThat(approve(http, (String) run.get("id"), TestTokens.RELEASE_MANAGER_1)
                                    .status())
                            .isEqualTo(200);
                    assertThat(approve(http, (String) run.get("id"), TestTokens.RELEASE_MANAGER_2)
                                    .status())
                            .isEqualTo(200);
                }
                for (Map<String, Object> run : List.of(a, b)) {
                    Map<String, Object> done =
                            http.awaitState((String) run.get("id"), Duration.ofSeconds(60), "SUCCEEDED", "FAILED");
                    assertThat(done.get("state")).as(String.valueOf(done)).isEqualTo("SUCCEEDED");
                }

                assertThat(stores.get("releases").stat(ArtifactKey.of(head + "/SHA256SUMS")))
                        .isPresent();
                assertThat(stores.get("releases").stat(ArtifactKey.of(release + "/SHA256SUMS")))
                        .isPresent();
                assertThat(index(stores).releases())
                        .extracting(e -> e.ref() + " " + e.commit())
                        .containsExactlyInAnyOrder("main " + head, release.substring(0, 10) + " " + release);
                RunsHttp.Response badRef = http.post(
                        "/api/v1/runs",
                        TestTokens.CI,
                        RunsHttp.json(Map.of("kind", "emergency-publish", "parameters", Map.of("commit", "main..x"))));
                assertThat(badRef.status()).as(badRef.body()).isEqualTo(400);
                assertThat(badRef.body()).contains("main..x");
            }
        }
    }

    static ReleaseIndex index(ArtifactStores stores) {
        return ReleaseIndex.parse(
                new String(
                        stores.get("releases").read(ArtifactKey.of("index.json"), in -> in.readAllBytes()),
                        StandardCharsets.UTF_8),
                "index.json");
    }

    /** The CI account's artifacts bucket, the prod account's releases bucket, and the STS handing out their roles. */
    record Accounts(StsServer sts, S3ProxyServer ci, S3ProxyServer prod) implements AutoCloseable {

        static Accounts start() {
            StsServer sts = StsServer.start()
                    .grant(ARTIFACTS_ROLE, "ASIAARTIFACTSROLE001", "artifacts-role-secret-0123456789abcdefghij")
                    .grant(RELEASES_ROLE, "ASIARELEASESROLE0001", "releases-role-secret-0123456789abcdefghijk");
            return new Accounts(
                    sts,
                    S3ProxyServer.inMemory("ASIAARTIFACTSROLE001", "artifacts-role-secret-0123456789abcdefghij")
                            .createBucket("ferrocene-ci-artifacts"),
                    S3ProxyServer.inMemory("ASIARELEASESROLE0001", "releases-role-secret-0123456789abcdefghijk")
                            .createBucket("ferrocene-prod-releases"));
        }

        /** The stores {@code artifacts} and {@code releases} configured on these buckets. */
        Map<String, Object> properties() {
            Map<String, Object> p = new HashMap<>();
            store(p, "artifacts", "ferrocene-ci-artifacts", "us-east-1", ci, sts, ARTIFACTS_ROLE);
            store(p, "releases", "ferrocene-prod-releases", "eu-central-1", prod, sts, RELEASES_ROLE);
            return p;
        }

        @Override
        public void close() {
            prod.close();
            ci.close();
            sts.close();
        }
    }

    static RunsHttp.Response approve(RunsHttp http, String id, String token) {
        return http.post("/api/v1/runs/" + id + "/approvals", token, "{}");
    }

    static void store(
            Map<String, Object> p,
            String name,
            String bucket,
            String region,
            S3ProxyServer s3,
            StsServer sts,
            String arn) {
        String k = "releasekit.stores." + name + ".";
        p.put(k + "bucket", bucket);
        p.put(k + "region", region);
        p.put(k + "endpoint", s3.endpoint().toString());
        p.put(k + "path-style", true);
        p.put(k + "role-arn", arn);
        p.put(k + "session-name", "break-glass");
        p.put(k + "sts-endpoint", sts.endpoint().toString());
        p.put(k + "access-key-id", "AKIABREAKGLASS000001");
        p.put(k + "secret-access-key", "break-glass-secret-0123456789abcdefghij");
    }

    static void put(ArtifactStore store, String key, byte[] b) throws Exception {
        ObjectInfo info = store.put(ArtifactKey.of(key), new ByteArrayInputStream(b), b.length, sha256(b));
        assertThat(info.size()).isEqualTo(b.length);
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
