package io.releasekit.api.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.releasekit.github.FakeGitHub.PATH;
import static io.releasekit.github.FakeGitHub.array;
import static io.releasekit.github.FakeGitHub.github;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.releasekit.api.TestTokens;
import io.releasekit.aws.testkit.S3ProxyServer;
import io.releasekit.github.FakeGitHub;
import io.releasekit.github.GitHubWebhookSignature;
import io.releasekit.github.RegistryReleaseScenario;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Seed 001 end to end over REST: the CloudFormation community registry's release, numbered from the last one with
 * notes, created at the commit of main ({@code registry.release}); GitHub's signed {@code release} webhook staging the
 * release zip, SHA-256 verified, in the beta bucket ({@code registry.stage}); CI recording the beta gate; the
 * promotion beta → prod ({@code artifacts.promote}). GitHub is WireMock playing the REST API with real-shaped payloads
 * (the zip reached through GitHub's redirect to codeload), the alpha/beta/prod buckets are on S3Proxy reached through
 * the AWS SDK.
 */
class RegistryReleaseApiE2ETest {

    static final String SECRET = "cep-webhook-secret-0123456789";
    static final String MAIN_SHA = RegistryReleaseScenario.MAIN_SHA;
    static final String OLD_SHA = RegistryReleaseScenario.OLD_SHA;
    static final String ALPHA = "cep-source-111111111111-alpha-awscommunity";
    static final String BETA = "cep-source-222222222222-beta-awscommunity";
    static final String PROD = "cep-source-333333333333-prod-awscommunity";
    static final String TAG = RegistryReleaseScenario.TAG;
    static final String ZIP_KEY = "awscommunity/" + TAG + "/community-registry-extensions-" + TAG + ".zip";
    static final String SUMS_KEY = "awscommunity/" + TAG + "/SHA256SUMS";
    static final String RELEASE_SCENARIO = RegistryReleaseScenario.RELEASE_SCENARIO;
    static final String CODELOAD = RegistryReleaseScenario.CODELOAD;

    final FakeGitHub gh = new FakeGitHub().withRepository();
    final RegistryReleaseScenario scenario = new RegistryReleaseScenario(gh);
    final S3ProxyServer s3 =
            S3ProxyServer.inMemory().createBucket(ALPHA).createBucket(BETA).createBucket(PROD);
    final Path spool = Path.of("target", "registry-e2e-spool-" + System.nanoTime());
    final byte[] zip = scenario.zip();
    EmbeddedServer server;
    RunsHttp http;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        s3.close();
        gh.close();
    }

    void startApp() {
        Map<String, Object> p = new HashMap<>();
        p.put("releasekit.data-dir", "./target/registry-e2e-" + System.nanoTime());
        p.put("releasekit.github.endpoint", gh.base());
        p.put("releasekit.github.token", "ghp_testtoken123");
        p.put("releasekit.github.spool-dir", spool.toString());
        p.put("releasekit.github.repositories.cfn-registry.owner", FakeGitHub.OWNER);
        p.put("releasekit.github.repositories.cfn-registry.repo", FakeGitHub.REPO);
        p.put("releasekit.github.repositories.cfn-registry.tag-prefix", "release-");
        p.put("releasekit.github.webhook.secret", SECRET);
        String t = "releasekit.github.webhook.triggers[0].";
        p.put(t + "event", "release");
        p.put(t + "repository", "cfn-registry");
        p.put(t + "action", "published");
        p.put(t + "kind", "registry.stage");
        p.put(t + "params.repository", "cfn-registry");
        p.put(t + "params.tag", "{tag}");
        p.put(t + "params.store", "beta");
        p.put(t + "params.stagePrefix", "awscommunity/{tag}/");
        store(p, "alpha", ALPHA);
        store(p, "beta", BETA);
        store(p, "prod", PROD);
        p.put(
                "releasekit.pipelines.cfn-registry.stages",
                List.of(
                        Map.of("name", "alpha", "store", "alpha", "prefix", "awscommunity/{build}/"),
                        Map.of("name", "beta", "store", "beta", "prefix", "awscommunity/{build}/"),
                        Map.of("name", "prod", "store", "prod", "prefix", "awscommunity/{build}/")));
        p.put("releasekit.services.github.initial-backoff", "50ms");
        server = ApplicationContext.run(EmbeddedServer.class, p, "test");
        http = new RunsHttp(server.getURI());
    }

    void store(Map<String, Object> p, String name, String bucket) {
        String k = "releasekit.stores." + name + ".";
        p.put(k + "bucket", bucket);
        p.put(k + "region", "us-east-1");
        p.put(k + "endpoint", s3.endpoint().toString());
        p.put(k + "path-style", true);
        p.put(k + "access-key-id", s3.accessKey());
        p.put(k + "secret-access-key", s3.secretKey());
    }

    @Test
    void releasesOverRestThenTheSignedWebhookStagesTheZipInBetaAndCiPromotesItToProdOnceTheBetaGatePassed()
            throws Exception {
        stubRepositoryBeforeTheRelease();
        stubSourceZip();
        startApp();

        // dry run: the next number, the notes and the copy it would make; nothing written anywhere
        Map<String, Object> dry = awaitEnd(startRun(
                TestTokens.CI,
                Map.of(
                        "kind",
                        "registry.release",
                        "dryRun",
                        true,
                        "parameters",
                        Map.of("repository", "cfn-registry", "store", "beta", "stagePrefix", "awscommunity/{tag}/"))));
        assertThat(dry.get("state")).as(String.valueOf(dry)).isEqualTo("SUCCEEDED");
        Map<String, Map<String, Object>> drySteps = RunsHttp.steps(dry);
        assertThat(planned(drySteps.get("create-release")))
                .singleElement()
                .asString()
                .contains("would create draft release " + TAG);
        assertThat(planned(drySteps.get("release-notes")))
                .singleElement()
                .asString()
                .contains("and publish");
        assertThat(planned(drySteps.get("copy-to-stage")))
                .singleElement()
                .asString()
                .contains("would copy the source zip of release " + TAG)
                .contains(BETA);
        assertThat(writesTo(gh)).isEmpty();
        assertThat(keys(BETA)).isEmpty();

        // the release: next number after release-0.1.1, created at main's commit, notes from the merged PRs
        Map<String, Object> released = awaitEnd(startRun(
                TestTokens.CI, Map.of("kind", "registry.release", "parameters", Map.of("repository", "cfn-registry"))));
        assertThat(released.get("state")).as(String.valueOf(released)).isEqualTo("SUCCEEDED");
        assertThat(RunsHttp.steps(released).keySet())
                .containsExactly("plan-release", "create-release", "release-notes");
        assertThat(outputs(released, "plan-release"))
                .containsEntry("tag", TAG)
                .containsEntry("previousTag", "release-0.1.1")
                .containsEntry("targetSha", MAIN_SHA);
        LoggedRequest create = single(postRequestedFor(urlPathEqualTo(PATH + "/releases")));
        Map<String, Object> created = RunsHttp.parse(create.getBodyAsString());
        assertThat(created)
                .containsEntry("tag_name", TAG)
                .containsEntry("target_commitish", MAIN_SHA)
                .containsEntry("draft", true);
        LoggedRequest publish = single(patchRequestedFor(urlPathEqualTo(PATH + "/releases/106")));
        Map<String, Object> published = RunsHttp.parse(publish.getBodyAsString());
        String notes = (String) published.get("body");
        assertThat(published).containsEntry("draft", false);
        assertThat(notes)
                .contains("New `AwsCommunity::Time::Offset` resource type.")
                .contains("Fix `AwsCommunity::S3::DeleteBucketContents` on empty buckets")
                .contains("**Full Changelog**: release-0.1.1..." + TAG);
        assertThat(keys(BETA)).as("no store given: the copy is the webhook's").isEmpty();
        stubPublished(notes); // GitHub now shows the release as the run left it

        // a delivery with a bad signature: 401, nothing started, nothing copied
        byte[] event = releasePublishedEvent();
        String forged = GitHubWebhookSignature.sha256(event, "guessed".getBytes(StandardCharsets.UTF_8));
        RunsHttp.Response refused = deliver(event, UUID.randomUUID().toString(), forged);
        assertThat(refused.status()).as(refused.body()).isEqualTo(401);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("detail")).isEqualTo("X-Hub-Signature-256 does not match the body");
        assertThat(runsOf("registry.stage")).isEmpty();
        assertThat(keys(BETA)).isEmpty();

        // GitHub's signed delivery: registry.stage copies the zip through the codeload redirect into beta
        String delivery = UUID.randomUUID().toString();
        RunsHttp.Response accepted = deliver(event, delivery, sign(event));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json()).containsEntry("status", "started");
        String stageRun = (String) ((List<?>) accepted.json().get("runs")).get(0);
        Map<String, Object> staged = http.awaitState(stageRun, Duration.ofSeconds(30), "SUCCEEDED", "FAILED");
        assertThat(staged.get("state")).as(String.valueOf(staged)).isEqualTo("SUCCEEDED");
        assertThat(staged)
                .containsEntry("kind", "registry.stage")
                .containsEntry("requestedBy", "github-webhook:ericzbeard");
        assertThat(outputs(staged, "copy-to-stage"))
                .containsEntry("key", ZIP_KEY)
                .containsEntry("sha256", sha256(zip));
        assertThat(keys(BETA)).containsExactlyInAnyOrder(ZIP_KEY, SUMS_KEY);
        assertThat(object(BETA, ZIP_KEY)).isEqualTo(zip);
        assertThat(s3.blobStore().blobMetadata(BETA, ZIP_KEY).metadata())
                .containsEntry("releasekit-sha256", sha256(zip));
        assertThat(new String(object(BETA, SUMS_KEY), StandardCharsets.UTF_8))
                .isEqualTo(sha256(zip) + " *community-registry-extensions-" + TAG + ".zip\n");
        gh.server().verify(1, getRequestedFor(urlPathEqualTo(PATH + "/zipball/" + TAG)));
        gh.server().verify(1, getRequestedFor(urlPathEqualTo(CODELOAD + TAG)));
        Instant firstCopy = s3.blobStore().blobMetadata(BETA, ZIP_KEY).lastModified();

        // the same delivery again (GitHub's redelivery): acknowledged, nothing started, nothing copied again
        RunsHttp.Response again = deliver(event, delivery, sign(event));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json()).containsEntry("status", "duplicate");
        assertThat(runsOf("registry.stage")).hasSize(1);
        // another delivery for the same release (e.g. the hook was added twice): a run that finds it all done
        Map<String, Object> second = http.awaitState(
                (String) ((List<?>) deliver(event, UUID.randomUUID().toString(), sign(event))
                                .json()
                                .get("runs"))
                        .get(0),
                Duration.ofSeconds(30),
                "SUCCEEDED",
                "FAILED");
        assertThat(second.get("state")).as(String.valueOf(second)).isEqualTo("SUCCEEDED");
        assertThat(stepState(second, "copy-to-stage")).isEqualTo("SKIPPED");
        assertThat(stepState(second, "write-stage-manifest")).isEqualTo("SKIPPED");
        assertThat(keys(BETA)).containsExactlyInAnyOrder(ZIP_KEY, SUMS_KEY);
        assertThat(s3.blobStore().blobMetadata(BETA, ZIP_KEY).lastModified()).isEqualTo(firstCopy);

        // promotion before beta's integration tests reported, or skipping a stage: refused with a clear problem
        RunsHttp.Response noGate = http.post("/api/v1/runs", TestTokens.CI, promote("beta", null));
        assertThat(noGate.status()).as(noGate.body()).isEqualTo(409);
        assertThat(noGate.header("Content-Type")).startsWith("application/problem+json");
        assertThat((String) noGate.json().get("detail"))
                .contains("build '" + TAG + "' has no gate result at stage beta");
        RunsHttp.Response skip = http.post("/api/v1/runs", TestTokens.CI, promote("alpha", "prod"));
        assertThat(skip.status()).as(skip.body()).isEqualTo(400);
        assertThat((String) skip.json().get("detail"))
                .contains("cannot promote build '" + TAG + "' from alpha to prod: stages cannot be skipped");
        assertThat(keys(PROD)).isEmpty();

        // CI records the beta gate, then promotes beta -> prod
        RunsHttp.Response gate = http.post(
                "/api/v1/artifacts/gates",
                TestTokens.CI,
                RunsHttp.json(Map.of(
                        "pipeline", "cfn-registry",
                        "build", TAG,
                        "stage", "beta",
                        "status", "PASSED",
                        "detailsUrl", "https://console.aws.amazon.com/codesuite/codepipeline/pipelines/cep-beta")));
        assertThat(gate.status()).as(gate.body()).isEqualTo(201);
        RunsHttp.Response promoteStarted = http.post("/api/v1/runs", TestTokens.CI, promote("beta", "prod"));
        assertThat(promoteStarted.status()).as(promoteStarted.body()).isEqualTo(202);
        Map<String, Object> promoted = http.awaitState(
                (String) promoteStarted.json().get("id"), Duration.ofSeconds(30), "SUCCEEDED", "FAILED");
        assertThat(promoted.get("state")).as(String.valueOf(promoted)).isEqualTo("SUCCEEDED");
        assertThat((String) RunsHttp.steps(promoted).get("check-gate").get("summary"))
                .contains("gate beta passed for " + TAG + " (recorded by " + TestTokens.CI_NAME);
        assertThat(keys(PROD)).contains(ZIP_KEY, SUMS_KEY);
        assertThat(object(PROD, ZIP_KEY)).isEqualTo(zip);
        assertThat(sha256(object(PROD, ZIP_KEY))).isEqualTo(sha256(zip));
        assertThat(keys(ALPHA)).isEmpty();

        // over the whole seed GitHub saw exactly one release created and one edit (notes + publish)
        assertThat(writesTo(gh))
                .extracting(r -> r.getMethod() + " " + r.getUrl())
                .containsExactly("POST " + PATH + "/releases", "PATCH " + PATH + "/releases/106");
    }

    @Test
    void aDownloadThatBreaksOffFailsTheStagingRunCleanlyAndARedeliveryStagesTheZipOnce() throws Exception {
        stubRepositoryBeforeTheRelease();
        stubPublished("## What's Changed\n\n- New `AwsCommunity::Time::Offset` resource type.\n");
        // GitHub answers 502 once (retried by the github guard), then codeload breaks off in the middle of the body;
        // the newest matching stub wins, so the 502 is stubbed after the redirect it precedes
        gh.server()
                .stubFor(get(urlPathEqualTo(PATH + "/zipball/" + TAG))
                        .willReturn(aResponse().withStatus(302).withHeader("Location", gh.base() + CODELOAD + TAG)));
        gh.server()
                .stubFor(get(urlPathEqualTo(PATH + "/zipball/" + TAG))
                        .inScenario("download")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willSetStateTo("retried")
                        .willReturn(github(502).withBody("{\"message\": \"Server Error\"}")));
        gh.server()
                .stubFor(get(urlPathEqualTo(CODELOAD + TAG))
                        .inScenario("download")
                        .whenScenarioStateIs("retried")
                        .willSetStateTo("broken once")
                        // the headers and half of the body, then the connection ends: a fault in the response's
                        // framing (a malformed chunk) was reported by the JDK's client either in the body or, when it
                        // parsed it before handing the response over, as a failed call that the guard retried
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/zip")
                                .withHeader("Content-Length", String.valueOf(zip.length))
                                .withBody(java.util.Arrays.copyOf(zip, zip.length / 2))));
        gh.server()
                .stubFor(get(urlPathEqualTo(CODELOAD + TAG))
                        .inScenario("download")
                        .whenScenarioStateIs("broken once")
                        .willReturn(zipResponse()));
        startApp();

        byte[] event = releasePublishedEvent();
        String delivery = UUID.randomUUID().toString();
        RunsHttp.Response accepted = deliver(event, delivery, sign(event));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String failedRun = (String) ((List<?>) accepted.json().get("runs")).get(0);
        Map<String, Object> failed = http.awaitState(failedRun, Duration.ofSeconds(30), "SUCCEEDED", "FAILED");

        assertThat(failed.get("state")).isEqualTo("FAILED");
        assertThat((String) failed.get("reason")).contains("copy-to-stage").contains("broke off");
        gh.server().verify(2, getRequestedFor(urlPathEqualTo(PATH + "/zipball/" + TAG)));
        assertThat(keys(BETA)).as("nothing half-copied").isEmpty();
        assertThat(spooled()).as("spool files removed").isEmpty();

        // GitHub's Redeliver (same delivery id) is a person asking to try again: the failed run is started anew
        RunsHttp.Response redelivered = deliver(event, delivery, sign(event));
        assertThat(redelivered.status()).as(redelivered.body()).isEqualTo(202);
        assertThat(redelivered.json()).containsEntry("status", "started");
        String retryRun = (String) ((List<?>) redelivered.json().get("runs")).get(0);
        assertThat(retryRun).isNotEqualTo(failedRun);
        Map<String, Object> rerun = http.awaitState(retryRun, Duration.ofSeconds(30), "SUCCEEDED", "FAILED");
        assertThat(rerun.get("state")).as(String.valueOf(rerun)).isEqualTo("SUCCEEDED");
        assertThat(keys(BETA)).containsExactlyInAnyOrder(ZIP_KEY, SUMS_KEY);
        assertThat(sha256(object(BETA, ZIP_KEY))).isEqualTo(sha256(zip));
        // once it succeeded, a further redelivery is only acknowledged
        assertThat(deliver(event, delivery, sign(event)).json()).containsEntry("status", "duplicate");

        // a rerun over REST finds everything staged
        Map<String, Object> third = awaitEnd(startRun(TestTokens.CI, stageRequest()));
        assertThat(third.get("state")).as(String.valueOf(third)).isEqualTo("SUCCEEDED");
        assertThat(stepState(third, "copy-to-stage")).isEqualTo("SKIPPED");
        assertThat(stepState(third, "write-stage-manifest")).isEqualTo("SKIPPED");
        assertThat(keys(BETA)).containsExactlyInAnyOrder(ZIP_KEY, SUMS_KEY);
        assertThat(writesTo(gh)).isEmpty();
    }

    @Test
    void stagesAReleaseAssetThroughGithubsStorageRedirectVerifiedAgainstItsDigestAndRefusesBytesThatDiffer()
            throws Exception {
        stubRepositoryBeforeTheRelease();
        stubPublished("## What's Changed\n\n- New `AwsCommunity::Time::Offset` resource type.\n");
        byte[] tampered = zip.clone();
        tampered[tampered.length / 2] ^= 1;
        gh.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases/106/assets"))
                        .willReturn(github(200)
                                .withBody(array(List.of(
                                        gh.asset(9003, "awscommunity.zip", zip.length, sha256(zip), "uploaded"),
                                        gh.asset(9004, "okta.zip", zip.length, sha256(zip), "uploaded"))))));
        stubAssetDownload(9003, zip);
        stubAssetDownload(9004, tampered); // GitHub's digest names other bytes than the storage host serves
        startApp();

        Map<String, Object> good = awaitEnd(startRun(TestTokens.CI, assetRequest("awscommunity.zip")));
        Map<String, Object> bad = awaitEnd(startRun(TestTokens.CI, assetRequest("okta.zip")));

        assertThat(good.get("state")).as(String.valueOf(good)).isEqualTo("SUCCEEDED");
        assertThat(outputs(good, "locate-source")).containsEntry("sha256", sha256(zip));
        String key = "awscommunity/" + TAG + "/awscommunity.zip";
        assertThat(object(BETA, key)).isEqualTo(zip);
        assertThat(s3.blobStore().blobMetadata(BETA, key).metadata()).containsEntry("releasekit-sha256", sha256(zip));
        assertThat(bad.get("state")).isEqualTo("FAILED");
        assertThat((String) bad.get("reason"))
                .contains("GitHub's digest is sha256:" + sha256(zip))
                .contains("but the downloaded bytes have sha256:" + sha256(tampered))
                .contains("refusing to stage them");
        assertThat(keys(BETA)).containsExactlyInAnyOrder(key, "awscommunity/" + TAG + "/SHA256SUMS");
        assertThat(spooled()).isEmpty();
        // the asset downloads went to GitHub's API first, then to the storage host it redirected to
        gh.server().verify(1, getRequestedFor(urlPathEqualTo(PATH + "/releases/assets/9003")));
        gh.server().verify(1, getRequestedFor(urlPathEqualTo("/github-production-release-asset/9003")));
    }

    /** GitHub answers an asset download with a redirect to its storage host, which serves the bytes. */
    void stubAssetDownload(long id, byte[] bytes) {
        gh.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases/assets/" + id))
                        .withHeader("Accept", equalTo("application/octet-stream"))
                        .willReturn(aResponse()
                                .withStatus(302)
                                .withHeader(
                                        "Location",
                                        gh.base() + "/github-production-release-asset/" + id
                                                + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=300")));
        gh.server()
                .stubFor(get(urlPathEqualTo("/github-production-release-asset/" + id))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/octet-stream")
                                .withBody(bytes)));
    }

    static Map<String, Object> assetRequest(String asset) {
        return Map.of(
                "kind",
                "registry.stage",
                "parameters",
                Map.of(
                        "repository",
                        "cfn-registry",
                        "tag",
                        TAG,
                        "store",
                        "beta",
                        "stagePrefix",
                        "awscommunity/{tag}/",
                        "asset",
                        asset));
    }

    static Map<String, Object> stageRequest() {
        return Map.of(
                "kind",
                "registry.stage",
                "parameters",
                Map.of(
                        "repository",
                        "cfn-registry",
                        "tag",
                        TAG,
                        "store",
                        "beta",
                        "stagePrefix",
                        "awscommunity/{tag}/"));
    }

    // ---- GitHub as WireMock ----

    void stubRepositoryBeforeTheRelease() {
        scenario.stubRepositoryBeforeTheRelease();
    }

    void stubPublished(String notes) {
        scenario.stubPublished(notes);
    }

    void stubSourceZip() {
        scenario.stubSourceZip();
    }

    com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder zipResponse() {
        return scenario.zipResponse();
    }

    String previousRelease() {
        return scenario.previousRelease();
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder notFound() {
        return RegistryReleaseScenario.notFound();
    }

    String tag(String name, String sha) {
        return scenario.tag(name, sha);
    }

    String commit(String sha, String message) {
        return scenario.commit(sha, message);
    }

    String compare(List<String> commits) {
        return scenario.compare(commits);
    }

    /** Requests that would change GitHub (anything but GET/HEAD). */
    static List<LoggedRequest> writesTo(FakeGitHub gh) {
        return gh.server().findAll(anyRequestedFor(anyUrl())).stream()
                .filter(r -> !RequestMethod.GET.equals(r.getMethod()) && !RequestMethod.HEAD.equals(r.getMethod()))
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate))
                .toList();
    }

    LoggedRequest single(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
        List<LoggedRequest> found = gh.server().findAll(pattern);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    // ---- the webhook ----

    /** GitHub's release/published payload for release-0.1.2, as its raw bytes. */
    static byte[] releasePublishedEvent() {
        return FakeGitHub.webhookPayload("release-published.json");
    }

    static String sign(byte[] body) {
        return GitHubWebhookSignature.sha256(body, GitHubWebhookSignature.secret(SECRET));
    }

    RunsHttp.Response deliver(byte[] body, String delivery, String signature256) {
        return http.send(http.request("/api/v1/webhooks/github", null)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "release")
                .header("X-GitHub-Delivery", delivery)
                .header("X-GitHub-Hook-ID", "512340987")
                .header("X-GitHub-Hook-Installation-Target-Type", "repository")
                .header("X-Hub-Signature-256", signature256));
    }

    // ---- runs ----

    String startRun(String token, Map<String, Object> request) {
        RunsHttp.Response r = http.post("/api/v1/runs", token, RunsHttp.json(request));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.header("Location")).isEqualTo("/api/v1/runs/" + r.json().get("id"));
        return (String) r.json().get("id");
    }

    Map<String, Object> awaitEnd(String id) {
        return http.awaitState(id, Duration.ofSeconds(30), "SUCCEEDED", "SUCCEEDED_DEGRADED", "FAILED");
    }

    List<Map<String, Object>> runsOf(String kind) {
        return http.get("/api/v1/runs?kind=" + kind, TestTokens.READER).jsonList();
    }

    static String promote(String from, String to) {
        Map<String, Object> params = new TreeMap<>(Map.of("pipeline", "cfn-registry", "build", TAG, "from", from));
        if (to != null) {
            params.put("to", to);
        }
        return RunsHttp.json(Map.of("kind", "artifacts.promote", "parameters", params));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> outputs(Map<String, Object> run, String step) {
        return (Map<String, Object>) RunsHttp.steps(run).get(step).get("outputs");
    }

    static List<?> planned(Map<String, Object> step) {
        return (List<?>) step.get("planned");
    }

    static String stepState(Map<String, Object> run, String step) {
        return (String) RunsHttp.steps(run).get(step).get("state");
    }

    // ---- S3 ----

    List<String> keys(String bucket) {
        return s3.blobStore().list(bucket).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    byte[] object(String bucket, String key) throws IOException {
        try (InputStream in = s3.blobStore().getBlob(bucket, key)) {
            return in.readAllBytes();
        }
    }

    List<Path> spooled() throws IOException {
        if (!Files.exists(spool)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.toList();
        }
    }

    // ---- data ----

    static byte[] sourceZip() {
        return RegistryReleaseScenario.sourceZip();
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
