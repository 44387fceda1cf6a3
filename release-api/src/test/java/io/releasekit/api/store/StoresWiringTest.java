package io.releasekit.api.store;

import static io.releasekit.aws.testkit.S3Fixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.releasekit.aws.S3ArtifactStore;
import io.releasekit.aws.S3StoreTuning;
import io.releasekit.aws.testkit.S3ProxyServer;
import io.releasekit.aws.testkit.StsServer;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ArtifactStores;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Store configuration turned into stores: Ferrocene's environment names, per-store roles, shared identities. */
class StoresWiringTest {

    static final String ARTIFACTS_ROLE = "arn:aws:iam::886866542769:role/publish-release";
    static final String RELEASES_ROLE = "arn:aws:iam::397686924940:role/publish-release";

    @Test
    void mapsFerrocenesEnvironmentVariablesOntoTwoStores() {
        Map<String, Object> env = Map.of(
                "PUBLISHRELEASE_ARTIFACTS_BUCKET", "ferrocene-ci-artifacts",
                "PUBLISHRELEASE_ARTIFACTS_ROLE", ARTIFACTS_ROLE,
                "PUBLISHRELEASE_RELEASES_BUCKET", "ferrocene-prod-releases");
        try (ApplicationContext ctx = ApplicationContext.builder()
                .propertySources(PropertySource.of("env", env, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .properties(Map.of("releasekit.data-dir", "./target/wiring-test-data"))
                .start()) {
            ConfiguredStores stores = ctx.getBean(ConfiguredStores.class);

            assertThat(stores.entries())
                    .extracting(ConfiguredStores.Entry::name)
                    .containsExactly("artifacts", "releases");
            ArtifactStore artifacts = ctx.getBean(ArtifactStores.class).get("artifacts");
            assertThat(artifacts.location()).isEqualTo("s3://ferrocene-ci-artifacts/");
            assertThat(artifacts.services()).containsExactly("s3:us-east-1", "sts:us-east-1");
            assertThat(s3(ctx, "artifacts").identity().toString()).contains("assume role " + ARTIFACTS_ROLE);
            ArtifactStore releases = ctx.getBean(ArtifactStores.class).get("releases");
            assertThat(releases.location()).isEqualTo("s3://ferrocene-prod-releases/");
            assertThat(releases.services()).containsExactly("s3:eu-central-1");
        }
    }

    @Test
    void theEnvironmentOverridesTheBucketButKeepsTheConfiguredRegionAndPrefix() {
        Map<String, Object> env = Map.of("PUBLISHRELEASE_RELEASES_BUCKET", "ferrocene-staging-releases");
        try (ApplicationContext ctx = ApplicationContext.builder()
                .propertySources(PropertySource.of("env", env, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .properties(Map.of(
                        "releasekit.stores.releases.bucket", "ferrocene-prod-releases",
                        "releasekit.stores.releases.region", "eu-west-1",
                        "releasekit.stores.releases.prefix", "dist"))
                .start()) {
            ArtifactStore releases = ctx.getBean(ArtifactStores.class).get("releases");
            assertThat(releases.location()).isEqualTo("s3://ferrocene-staging-releases/dist/");
            assertThat(releases.services()).containsExactly("s3:eu-west-1");
        }
    }

    @Test
    void storesWithDifferentRolesGetDifferentCredentialsAndIdenticalOnesShareThem() throws Exception {
        try (StsServer sts = StsServer.start()
                        .grant(ARTIFACTS_ROLE, "ASIAARTIFACTSROLE001", "artifacts-role-secret-0123456789abcdefghij")
                        .grant(RELEASES_ROLE, "ASIARELEASESROLE0001", "releases-role-secret-0123456789abcdefghijk");
                S3ProxyServer ci = S3ProxyServer.inMemory(
                                "ASIAARTIFACTSROLE001", "artifacts-role-secret-0123456789abcdefghij")
                        .createBucket("ferrocene-ci-artifacts")
                        .createBucket("ferrocene-ci-scratch");
                S3ProxyServer prod = S3ProxyServer.inMemory(
                                "ASIARELEASESROLE0001", "releases-role-secret-0123456789abcdefghijk")
                        .createBucket("ferrocene-prod-releases")) {
            Map<String, Object> p = new HashMap<>();
            role(p, "artifacts", "ferrocene-ci-artifacts", ci, sts, ARTIFACTS_ROLE);
            role(p, "scratch", "ferrocene-ci-scratch", ci, sts, ARTIFACTS_ROLE);
            role(p, "releases", "ferrocene-prod-releases", prod, sts, RELEASES_ROLE);
            try (ApplicationContext ctx = ApplicationContext.run(p)) {
                ArtifactStores stores = ctx.getBean(ArtifactStores.class);

                put(stores.get("artifacts"), "a.txt");
                put(stores.get("scratch"), "b.txt");
                put(stores.get("releases"), "c.txt");

                assertThat(stores.get("releases").list(""))
                        .extracting(o -> o.key().value())
                        .containsExactly("c.txt");
                assertThat(sts.assumeRoleRequests(ARTIFACTS_ROLE))
                        .as("one identity for two stores")
                        .hasSize(1);
                assertThat(sts.assumeRoleRequests(RELEASES_ROLE)).hasSize(1);
                S3ArtifactStore scratch = s3(ctx, "scratch");
                assertThat(scratch.canCopyServerSideFrom(s3(ctx, "artifacts"))).isTrue();
                assertThat(scratch.canCopyServerSideFrom(stores.get("releases")))
                        .isFalse();
                assertThat(stores.get("artifacts").services()).containsExactly("s3:us-east-1", "sts:us-east-1");
            }
        }
    }

    @Test
    void configuresAStoreFromReleasekitEnvironmentVariables() {
        Map<String, Object> env = Map.of(
                "RELEASEKIT_STORES_BETA_BUCKET", "cep-source-123456789012-beta-awscommunity",
                "RELEASEKIT_STORES_BETA_REGION", "us-east-1",
                "RELEASEKIT_STORES_BETA_PATH_STYLE", "true");
        try (ApplicationContext ctx = ApplicationContext.builder()
                .propertySources(PropertySource.of("env", env, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .start()) {
            ArtifactStores stores = ctx.getBean(ArtifactStores.class);
            assertThat(stores.names()).containsExactly("beta");
            assertThat(stores.get("beta").location()).isEqualTo("s3://cep-source-123456789012-beta-awscommunity/");
        }
    }

    @Test
    void refusesAnIncompleteStoreNamingTheKey() {
        assertThatThrownBy(() -> storesOf(Map.of("releasekit.stores.releases.type", "s3")))
                .hasMessageContaining(
                        "store 'releases': releasekit.stores.releases.bucket is required for an s3 store");
        assertThatThrownBy(() -> storesOf(Map.of(
                        "releasekit.stores.releases.bucket", "ferrocene-prod-releases",
                        "releasekit.stores.releases.region", "eu-central-1",
                        "releasekit.stores.releases.credentials", "sso")))
                .hasMessageContaining("store 'releases': releasekit.stores.releases.credentials 'sso' is not one of "
                        + "default, profile, assume-role, static");
        assertThatThrownBy(() -> storesOf(Map.of(
                        "releasekit.stores.artifacts.bucket", "ferrocene-ci-artifacts",
                        "releasekit.stores.artifacts.region", "us-east-1",
                        "releasekit.stores.artifacts.role-arn", "arn:aws:iam::886866542769:publish-release")))
                .hasMessageContaining(
                        "store 'artifacts': 'arn:aws:iam::886866542769:publish-release' is not a role ARN "
                                + "(arn:aws:iam::<12-digit account>:role/<name>)");
    }

    @Test
    void tunesMultipartUploadsPerStoreAndKeepsTheDefaultsElsewhere() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.inMemory("AKIATUNED00000000001", "tuned-secret-0123456789abcdefghijklmn")
                .createBucket("tuned")
                .createBucket("plain")) {
            Map<String, Object> p = new HashMap<>();
            for (String store : List.of("tuned", "plain")) {
                p.put("releasekit.stores." + store + ".bucket", store);
                p.put("releasekit.stores." + store + ".region", "eu-central-1");
                p.put("releasekit.stores." + store + ".endpoint", s3.endpoint().toString());
                p.put("releasekit.stores." + store + ".path-style", true);
                p.put("releasekit.stores." + store + ".access-key-id", "AKIATUNED00000000001");
                p.put("releasekit.stores." + store + ".secret-access-key", "tuned-secret-0123456789abcdefghijklmn");
            }
            p.put("releasekit.data-dir", "./target/wiring-test-data");
            p.put("releasekit.stores.tuned.multipart-threshold", "6MB");
            p.put("releasekit.stores.tuned.part-size", "5MB");
            p.put("releasekit.stores.tuned.upload-concurrency", 2);
            try (ApplicationContext ctx = ApplicationContext.run(p)) {
                ArtifactStores stores = ctx.getBean(ArtifactStores.class);
                S3StoreTuning tuned = s3(ctx, "tuned").tuning();
                assertThat(tuned.multipartThreshold()).isEqualTo(6 * S3StoreTuning.MIB);
                assertThat(tuned.partSize()).isEqualTo(5 * S3StoreTuning.MIB);
                assertThat(tuned.uploadConcurrency()).isEqualTo(2);
                assertThat(s3(ctx, "plain").tuning()).isEqualTo(S3StoreTuning.defaults());

                // 11 MiB: above the tuned threshold, so three parts of at most 5 MiB; read back whole
                byte[] data = new byte[11 << 20];
                new java.util.Random(5).nextBytes(data);
                ArtifactKey key = ArtifactKey.of("big.bin");
                stores.get("tuned").put(key, new ByteArrayInputStream(data), data.length, sha256(data));
                try (var in = stores.get("tuned").open(key)) {
                    assertThat(in.readAllBytes()).isEqualTo(data);
                }
            }
        }
    }

    @Test
    void refusesBadUploadTuningNamingTheKey() {
        Map<String, Object> base = Map.of(
                "releasekit.stores.releases.bucket", "ferrocene-prod-releases",
                "releasekit.stores.releases.region", "eu-central-1");
        assertThatThrownBy(() -> storesOf(with(base, "releasekit.stores.releases.part-size", "1MB")))
                .hasMessageContaining("store 'releases': releasekit.stores.releases.part-size is refused: part size "
                        + "must be between 5 MiB and 2 GiB (it is held in memory), was 1048576");
        assertThatThrownBy(() -> storesOf(with(base, "releasekit.stores.releases.upload-concurrency", 0)))
                .hasMessageContaining(
                        "store 'releases': releasekit.stores.releases.upload-concurrency is refused: upload concurrency "
                                + "must be between 1 and 64, was 0");
        assertThatThrownBy(() -> storesOf(with(base, "releasekit.stores.releases.multipart-threshold", -1)))
                .hasMessageContaining(
                        "store 'releases': releasekit.stores.releases.multipart-threshold is refused: multipart "
                                + "threshold must not be negative, was -1");
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new HashMap<>(base);
        m.put(key, value);
        return m;
    }

    private static List<String> storesOf(Map<String, Object> properties) {
        try (ApplicationContext ctx = ApplicationContext.run(properties)) {
            return List.copyOf(ctx.getBean(ArtifactStores.class).names());
        }
    }

    private static void role(
            Map<String, Object> p, String name, String bucket, S3ProxyServer s3, StsServer sts, String arn) {
        String k = "releasekit.stores." + name + ".";
        p.put(k + "bucket", bucket);
        p.put(k + "region", "us-east-1");
        p.put(k + "endpoint", s3.endpoint().toString());
        p.put(k + "path-style", true);
        p.put(k + "role-arn", arn);
        p.put(k + "session-name", "break-glass");
        p.put(k + "sts-endpoint", sts.endpoint().toString());
        p.put(k + "access-key-id", "AKIABREAKGLASS000001");
        p.put(k + "secret-access-key", "break-glass-secret-0123456789abcdefghij");
        p.put("releasekit.data-dir", "./target/wiring-test-data");
    }

    private static void put(ArtifactStore store, String key) {
        byte[] b = key.getBytes(StandardCharsets.UTF_8);
        store.put(ArtifactKey.of(key), new ByteArrayInputStream(b), b.length, sha256(b));
    }

    /** The S3 adapter configured under a name (the registry hands it out wrapped in its guard). */
    private static S3ArtifactStore s3(ApplicationContext ctx, String name) {
        return (S3ArtifactStore) ctx.getBean(ConfiguredStores.class).entries().stream()
                .filter(e -> e.name().equals(name))
                .findFirst()
                .orElseThrow()
                .store();
    }
}
