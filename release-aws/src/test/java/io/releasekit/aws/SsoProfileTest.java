package io.releasekit.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.releasekit.aws.testkit.S3Fixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.releasekit.aws.testkit.ProfileStoreProbe;
import io.releasekit.aws.testkit.S3ProxyServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store whose credentials come from an IAM Identity Center (SSO) profile, as Ferrocene's break-glass profile does:
 * {@code ~/.aws/config} names the start URL, account and role; {@code aws sso login} left an access token in {@code
 * ~/.aws/sso/cache}; the SDK trades it for role keys at the SSO portal ({@code GET /federation/credentials}, served by
 * WireMock and reached through the SDK's standard {@code AWS_ENDPOINT_URL_SSO}); S3Proxy accepts only those keys. The
 * store runs in a child JVM whose {@code HOME} is a temporary directory ({@link ProfileStoreProbe}).
 */
class SsoProfileTest {

    static final String PROFILE = "ferrocene-prod-break-glass";
    static final String START_URL = "https://ferrocene.awsapps.com/start";
    static final String ACCOUNT = "397686924940";
    static final String ROLE = "break-glass-release";
    static final String ACCESS_TOKEN = "aoaAAAAAGVzc28tdG9rZW4tZm9yLXRlc3RzLW9ubHk";
    static final String ROLE_KEY = "ASIASSOROLE000000001";
    static final String ROLE_SECRET = "sso-role-secret-0123456789abcdefghijklmn";
    static final String BUCKET = "ferrocene-prod-releases";

    @TempDir
    Path home;

    WireMockServer portal;
    S3ProxyServer s3;

    @BeforeEach
    void start() throws IOException {
        portal = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        portal.start();
        portal.stubFor(get(urlPathEqualTo("/federation/credentials"))
                .withQueryParam("account_id", equalTo(ACCOUNT))
                .withQueryParam("role_name", equalTo(ROLE))
                .withHeader("x-amz-sso_bearer_token", equalTo(ACCESS_TOKEN))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"roleCredentials\":{\"accessKeyId\":\"" + ROLE_KEY + "\",\"secretAccessKey\":\""
                                + ROLE_SECRET + "\",\"sessionToken\":\"IQoJb3JpZ2luX2VjEXAMPLESSO\",\"expiration\":"
                                + Instant.now().plus(1, ChronoUnit.HOURS).toEpochMilli() + "}}")));
        s3 = S3ProxyServer.inMemory(ROLE_KEY, ROLE_SECRET).createBucket(BUCKET);
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(
                aws.resolve("config"),
                "[profile " + PROFILE + "]\n"
                        + "sso_start_url = " + START_URL + "\n"
                        + "sso_region = eu-central-1\n"
                        + "sso_account_id = " + ACCOUNT + "\n"
                        + "sso_role_name = " + ROLE + "\n"
                        + "region = eu-central-1\n");
    }

    @AfterEach
    void stop() {
        portal.stop();
        s3.close();
    }

    @Test
    void aStoreOnAnSsoProfileTradesTheCachedTokenForRoleKeysAndReachesS3() throws Exception {
        cacheToken(Instant.now().plus(1, ChronoUnit.HOURS));

        Result r = runProbe("dist/ferrocene-25.02.0.tar.xz", "ferrocene 25.02.0");

        assertThat(r.output()).isEqualTo("stored " + sha256("ferrocene 25.02.0".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.exit()).isZero();
        assertThat(portal.findAll(getRequestedFor(urlPathEqualTo("/federation/credentials"))))
                .as("one GetRoleCredentials with the cached token")
                .hasSize(1);
        assertThat(s3.blobStore().blobExists(BUCKET, "dist/ferrocene-25.02.0.tar.xz"))
                .as("S3Proxy took the object signed with the role keys from the portal")
                .isTrue();
    }

    @Test
    void anSsoSessionProfileUsesTheSessionsCachedTokenAsWell() throws Exception {
        // the form `aws configure sso` writes today: the start URL and portal region in a shared [sso-session]
        Files.writeString(
                home.resolve(".aws/config"),
                "[profile " + PROFILE + "]\n"
                        + "sso_session = ferrocene\n"
                        + "sso_account_id = " + ACCOUNT + "\n"
                        + "sso_role_name = " + ROLE + "\n"
                        + "region = eu-central-1\n"
                        + "\n"
                        + "[sso-session ferrocene]\n"
                        + "sso_start_url = " + START_URL + "\n"
                        + "sso_region = eu-central-1\n"
                        + "sso_registration_scopes = sso:account:access\n");
        cacheToken("ferrocene", Instant.now().plus(1, ChronoUnit.HOURS));

        Result r = runProbe("dist/session.tar.xz", "session");

        assertThat(r.output()).isEqualTo("stored " + sha256("session".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.exit()).isZero();
        assertThat(portal.findAll(getRequestedFor(urlPathEqualTo("/federation/credentials"))))
                .hasSize(1);
        assertThat(s3.blobStore().blobExists(BUCKET, "dist/session.tar.xz")).isTrue();
    }

    @Test
    void anExpiredSsoTokenIsAClearConfigurationErrorAndNothingIsCalled() throws Exception {
        cacheToken(Instant.now().minus(1, ChronoUnit.HOURS));

        Result r = runProbe("dist/late.tar.xz", "late");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.output())
                .startsWith("failed io.releasekit.core.InvalidInputException: ")
                .contains("AWS credentials from profile " + PROFILE + " cannot be loaded")
                .contains("expired")
                .contains("aws sso login")
                .doesNotContain(ACCESS_TOKEN);
        assertThat(portal.getAllServeEvents()).as("no call to the portal").isEmpty();
        assertThat(s3.blobStore().blobExists(BUCKET, "dist/late.tar.xz")).isFalse();
    }

    @Test
    void aTokenThePortalNoLongerAcceptsIsAClearConfigurationErrorNamingThePortalsAnswer() throws Exception {
        cacheToken(Instant.now().plus(1, ChronoUnit.HOURS));
        // the session was revoked (signed out, or the user removed) while the cached token had not yet expired
        portal.stubFor(get(urlPathEqualTo("/federation/credentials"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("x-amzn-ErrorType", "UnauthorizedException")
                        .withBody("{\"message\":\"Session token not found or invalid\"}")));

        Result r = runProbe("dist/revoked.tar.xz", "revoked");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.output())
                .startsWith("failed io.releasekit.core.InvalidInputException: ")
                .contains("AWS credentials from profile " + PROFILE + " cannot be loaded")
                .contains("Session token not found or invalid")
                .doesNotContain(ACCESS_TOKEN);
        assertThat(s3.blobStore().blobExists(BUCKET, "dist/revoked.tar.xz")).isFalse();
    }

    @Test
    void aPortalOutageIsARetryableUnavailabilityNotAConfigurationError() throws Exception {
        cacheToken(Instant.now().plus(1, ChronoUnit.HOURS));
        portal.stubFor(get(urlPathEqualTo("/federation/credentials"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(503)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Service Unavailable\"}")));

        Result r = runProbe("dist/outage.tar.xz", "outage");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.output())
                .startsWith("failed io.releasekit.core.ServiceUnavailableException: ")
                .contains("AWS credentials from profile " + PROFILE + " cannot be loaded now")
                .contains("the credential service is unavailable")
                .doesNotContain(ACCESS_TOKEN);
        assertThat(s3.blobStore().blobExists(BUCKET, "dist/outage.tar.xz")).isFalse();
    }

    @Test
    void aPortalThatDropsTheConnectionIsAnUnavailabilityToo() throws Exception {
        cacheToken(Instant.now().plus(1, ChronoUnit.HOURS));
        portal.stubFor(get(urlPathEqualTo("/federation/credentials"))
                .atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Result r = runProbe("dist/reset.tar.xz", "reset");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.output())
                .startsWith("failed io.releasekit.core.ServiceUnavailableException: ")
                .contains("cannot be loaded now")
                .doesNotContain(ACCESS_TOKEN);
        assertThat(s3.blobStore().blobExists(BUCKET, "dist/reset.tar.xz")).isFalse();
    }

    private void cacheToken(Instant expiresAt) throws IOException {
        cacheToken(START_URL, expiresAt);
    }

    /** Writes the token as {@code aws sso login} does: named after the SHA-1 of the start URL or session name. */
    private void cacheToken(String startUrlOrSession, Instant expiresAt) throws IOException {
        Path cache = Files.createDirectories(home.resolve(".aws/sso/cache"));
        String name = HexFormat.of().formatHex(sha1(startUrlOrSession.getBytes(StandardCharsets.UTF_8))) + ".json";
        Files.writeString(
                cache.resolve(name),
                "{\"startUrl\":\"" + START_URL + "\",\"region\":\"eu-central-1\",\"accessToken\":\"" + ACCESS_TOKEN
                        + "\",\"expiresAt\":\"" + expiresAt.truncatedTo(ChronoUnit.SECONDS) + "\"}");
    }

    record Result(int exit, String output) {}

    private Result runProbe(String key, String content) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                "-cp",
                System.getProperty("java.class.path"),
                ProfileStoreProbe.class.getName(),
                s3.endpoint().toString(),
                BUCKET,
                PROFILE,
                key,
                content));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString());
        env.put("AWS_ENDPOINT_URL_SSO", "http://127.0.0.1:" + portal.port());
        pb.redirectError(home.resolve("probe.err").toFile());
        Process p = pb.start();
        // the probe's verdict is its last line; logging (at WARN) may come before it
        String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String out = all.substring(all.lastIndexOf('\n') + 1);
        if (!p.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("probe did not finish within 60 s");
        }
        if (out.isEmpty()) {
            out = "(no output) stderr: " + Files.readString(home.resolve("probe.err"));
        } else if (!out.startsWith("stored ") && !out.startsWith("failed ")) {
            out = "(no verdict) stdout: " + all + " stderr: " + Files.readString(home.resolve("probe.err"));
        }
        return new Result(p.exitValue(), out);
    }

    private static byte[] sha1(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(b);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
