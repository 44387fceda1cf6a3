package io.releasekit.aws;

import static io.releasekit.aws.testkit.S3Fixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.releasekit.aws.testkit.S3ProxyServer;
import io.releasekit.aws.testkit.StsServer;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.service.BreakerState;
import io.releasekit.core.service.GuardConfig;
import io.releasekit.core.service.ServiceGuards;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cross-account roles as in Ferrocene's emergency release: each store assumes its own role through STS (WireMock), and
 * S3Proxy accepts only the keys STS handed out for that role.
 */
class AssumeRoleTest {

    static final String ARTIFACTS_ROLE = "arn:aws:iam::886866542769:role/publish-release";
    static final String RELEASES_ROLE = "arn:aws:iam::397686924940:role/publish-release";
    static final String ARTIFACTS_KEY = "ASIAARTIFACTSROLE001";
    static final String ARTIFACTS_SECRET = "artifacts-role-secret-0123456789abcdefghij";
    static final String RELEASES_KEY = "ASIARELEASESROLE0001";
    static final String RELEASES_SECRET = "releases-role-secret-0123456789abcdefghijk";
    static final CredentialSource.StaticKeys BREAK_GLASS =
            CredentialSource.staticKeys("AKIABREAKGLASS000001", "break-glass-secret-0123456789abcdefghij");

    StsServer sts;
    S3ProxyServer artifactsAccount;
    S3ProxyServer releasesAccount;
    ServiceGuards guards;

    @BeforeEach
    void start() {
        sts = StsServer.start()
                .grant(ARTIFACTS_ROLE, ARTIFACTS_KEY, ARTIFACTS_SECRET)
                .grant(RELEASES_ROLE, RELEASES_KEY, RELEASES_SECRET);
        artifactsAccount =
                S3ProxyServer.inMemory(ARTIFACTS_KEY, ARTIFACTS_SECRET).createBucket("ferrocene-ci-artifacts");
        releasesAccount = S3ProxyServer.inMemory(RELEASES_KEY, RELEASES_SECRET).createBucket("ferrocene-prod-releases");
        guards = ServiceGuards.builder()
                .service(
                        "sts",
                        GuardConfig.defaults()
                                .withWindow(2, 4)
                                .withMaxAttempts(1)
                                .withWaits(Duration.ofMinutes(1), Duration.ofMillis(10)))
                .build();
    }

    @AfterEach
    void stop() {
        guards.close();
        artifactsAccount.close();
        releasesAccount.close();
        sts.close();
    }

    @Test
    void eachStoreAssumesItsOwnRoleAndSignsWithThatRolesKeys() throws Exception {
        try (S3ArtifactStore artifacts =
                        store(artifactsAccount, "ferrocene-ci-artifacts", "us-east-1", role(ARTIFACTS_ROLE));
                S3ArtifactStore releases =
                        store(releasesAccount, "ferrocene-prod-releases", "eu-central-1", role(RELEASES_ROLE))) {
            byte[] bytes = "ferrocene-src.tar.xz".getBytes(StandardCharsets.UTF_8);
            ArtifactKey key = ArtifactKey.of("1a2b3c/ferrocene-src.tar.xz");
            artifacts.put(key, new ByteArrayInputStream(bytes), bytes.length, sha256(bytes));

            try (InputStream in = artifacts.open(key)) {
                releases.put(key, in, bytes.length, sha256(bytes));
            }

            assertThat(releases.stat(key).orElseThrow().sha256()).contains(sha256(bytes));
            assertThat(releases.canCopyServerSideFrom(artifacts)).isFalse();
            assertThat(sts.assumeRoleRequests(ARTIFACTS_ROLE)).hasSize(1);
            assertThat(sts.assumeRoleRequests(RELEASES_ROLE)).hasSize(1);
            LoggedRequest call = sts.assumeRoleRequests(ARTIFACTS_ROLE).get(0);
            assertThat(call.getBodyAsString())
                    .contains("Action=AssumeRole")
                    .contains("RoleSessionName=break-glass")
                    .contains("ExternalId=ferrocene-release")
                    .contains("DurationSeconds=3600");
            assertThat(call.getHeader("Authorization")).contains("Credential=AKIABREAKGLASS000001/");
            assertThat(artifacts.services()).containsExactly("s3:us-east-1", "sts:us-east-1");
            assertThat(releases.services()).containsExactly("s3:eu-central-1", "sts:eu-central-1");
        }
    }

    @Test
    void theSourceCredentialsThemselvesAreRefusedWithAClearError() {
        try (S3ArtifactStore direct = store(artifactsAccount, "ferrocene-ci-artifacts", "us-east-1", BREAK_GLASS);
                S3ArtifactStore wrongRole =
                        store(artifactsAccount, "ferrocene-ci-artifacts", "us-east-1", role(RELEASES_ROLE))) {
            assertThatThrownBy(() -> direct.list(""))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("HTTP 403 InvalidAccessKeyId")
                    .hasMessageContaining("access denied")
                    .hasMessageContaining("s3://ferrocene-ci-artifacts/")
                    .hasMessageNotContaining("break-glass-secret");
            assertThatThrownBy(() -> wrongRole.list(""))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("access denied");
        }
    }

    @Test
    void aRoleStsRefusesIsAClientErrorThatLeavesTheStsBreakerClosed() {
        String denied = "arn:aws:iam::886866542769:role/not-trusted";
        sts.deny(denied);
        try (S3ArtifactStore store = store(artifactsAccount, "ferrocene-ci-artifacts", "us-east-1", role(denied))) {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> store.list(""))
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("AssumeRole of " + denied)
                        .hasMessageContaining("AccessDenied")
                        .hasMessageContaining("not authorized to perform: sts:AssumeRole");
            }
            assertThat(guards.status("sts:us-east-1").state()).isEqualTo(BreakerState.CLOSED);
        }
    }

    @Test
    void anStsOutageIsAnUnavailableStsThatOpensItsBreaker() {
        String flaky = "arn:aws:iam::886866542769:role/flaky";
        sts.error(flaky, 503, "Receiver", "ServiceUnavailable", "Service is unavailable");
        try (S3ArtifactStore store = store(artifactsAccount, "ferrocene-ci-artifacts", "us-east-1", role(flaky))) {
            assertThatThrownBy(() -> store.list(""))
                    .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> assertThat(e.service())
                            .isEqualTo("sts:us-east-1"))
                    .hasMessageContaining("AssumeRole of " + flaky);
            sts.reset(flaky);
            assertThatThrownBy(() -> store.list(""))
                    .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> assertThat(e.service())
                            .isEqualTo("sts:us-east-1"))
                    .hasMessageContaining("could not be reached");

            assertThat(guards.status("sts:us-east-1").state()).isEqualTo(BreakerState.OPEN);
            int calls = sts.assumeRoleRequests(flaky).size();
            assertThatThrownBy(() -> store.list(""))
                    .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> assertThat(e.breakerState())
                            .contains("OPEN"));
            assertThat(sts.assumeRoleRequests(flaky)).hasSize(calls);
        }
    }

    @Test
    void aRoleWithoutAnStsRegionCallsStsInTheStoresRegion() {
        try (S3ArtifactStore releases = store(
                releasesAccount,
                "ferrocene-prod-releases",
                "eu-central-1",
                CredentialSource.assumeRole(RELEASES_ROLE)
                        .withSource(BREAK_GLASS)
                        .withStsEndpoint(sts.endpoint()))) {
            assertThat(releases.list("")).isEmpty();
            assertThat(releases.services()).isEqualTo(List.of("s3:eu-central-1", "sts:eu-central-1"));
            assertThat(sts.assumeRoleRequests(RELEASES_ROLE).get(0).getHeader("Authorization"))
                    .contains("/eu-central-1/sts/aws4_request");
        }
    }

    private CredentialSource role(String arn) {
        String region = arn.equals(RELEASES_ROLE) ? "eu-central-1" : "us-east-1";
        return CredentialSource.assumeRole(arn)
                .withSessionName("break-glass")
                .withExternalId("ferrocene-release")
                .withStsRegion(region)
                .withStsEndpoint(sts.endpoint())
                .withSource(BREAK_GLASS);
    }

    private S3ArtifactStore store(S3ProxyServer server, String bucket, String region, CredentialSource credentials) {
        return S3ArtifactStore.builder()
                .bucket(bucket)
                .region(region)
                .endpoint(server.endpoint())
                .pathStyle(true)
                .credentials(credentials)
                .guards(guards)
                .sdkMaxAttempts(1)
                .build();
    }
}
