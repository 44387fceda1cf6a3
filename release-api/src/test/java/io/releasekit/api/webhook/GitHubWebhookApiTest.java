package io.releasekit.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.github.FakeGitHub;
import io.releasekit.github.GitHubWebhookSignature;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitHubWebhookApiTest implements TestPropertyProvider {

    static final String SECRET = "It's a Secret to Everybody";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    RecordingRunLauncher launcher;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.ofEntries(
                Map.entry("releasekit.test.github", "true"),
                Map.entry("releasekit.github.endpoint", "http://127.0.0.1:9"),
                Map.entry("releasekit.github.repositories.cfn-registry.owner", "aws-cloudformation"),
                Map.entry("releasekit.github.repositories.cfn-registry.repo", "community-registry-extensions"),
                Map.entry("releasekit.github.repositories.cfn-registry.tag-prefix", "release-"),
                Map.entry("releasekit.github.webhook.secret", SECRET),
                Map.entry("releasekit.github.webhook.max-body-bytes", "16384"),
                Map.entry("releasekit.github.webhook.triggers[0].event", "push"),
                Map.entry("releasekit.github.webhook.triggers[0].repository", "cfn-registry"),
                Map.entry("releasekit.github.webhook.triggers[0].branch", "main"),
                Map.entry("releasekit.github.webhook.triggers[0].kind", "github.wait-checks"),
                Map.entry("releasekit.github.webhook.triggers[0].params.repository", "{repository}"),
                Map.entry("releasekit.github.webhook.triggers[0].params.ref", "{sha}"),
                Map.entry("releasekit.github.webhook.triggers[0].params.failOnFailure", "false"),
                Map.entry("releasekit.github.webhook.triggers[1].event", "release"),
                Map.entry("releasekit.github.webhook.triggers[1].repository", "cfn-registry"),
                Map.entry("releasekit.github.webhook.triggers[1].kind", "github.release-to-stage"),
                Map.entry("releasekit.github.webhook.triggers[1].params.repository", "cfn-registry"),
                Map.entry("releasekit.github.webhook.triggers[1].params.tag", "{tag}"),
                Map.entry("releasekit.github.webhook.triggers[1].params.store", "beta"),
                Map.entry("releasekit.github.webhook.triggers[1].params.prefix", "awscommunity"),
                Map.entry("releasekit.github.webhook.triggers[2].event", "dependabot_alert"),
                Map.entry("releasekit.github.webhook.triggers[2].repository", "cfn-registry"),
                Map.entry("releasekit.github.webhook.triggers[2].min-severity", "high"),
                Map.entry("releasekit.github.webhook.triggers[2].kind", "train.release"),
                Map.entry("releasekit.github.webhook.triggers[2].params.repository", "{repository}"),
                Map.entry("releasekit.github.webhook.triggers[2].params.target", "main"),
                Map.entry(
                        "releasekit.github.webhook.triggers[2].params.message",
                        "Hotfix {tag}: {ghsa} in {package} ({severity}, alert {alert})"),
                Map.entry("releasekit.github.webhook.triggers[3].event", "code_scanning_alert"),
                Map.entry("releasekit.github.webhook.triggers[3].repository", "cfn-registry"),
                Map.entry("releasekit.github.webhook.triggers[3].min-severity", "critical"),
                Map.entry("releasekit.github.webhook.triggers[3].kind", "train.release"),
                Map.entry("releasekit.github.webhook.triggers[3].params.repository", "{repository}"),
                Map.entry("releasekit.github.webhook.triggers[3].params.target", "main"),
                Map.entry(
                        "releasekit.github.webhook.triggers[3].params.message",
                        "Hotfix {tag}: {rule} ({severity}) found at {sha}"));
    }

    @BeforeEach
    void reset() {
        launcher.launches.clear();
        launcher.failed.clear();
        launcher.failure = null;
    }

    static MutableHttpRequest<byte[]> delivery(String event, String id, byte[] body) {
        byte[] secret = GitHubWebhookSignature.secret(SECRET);
        return delivery(
                event,
                id,
                body,
                GitHubWebhookSignature.sha256(body, secret),
                GitHubWebhookSignature.sha1(body, secret));
    }

    static MutableHttpRequest<byte[]> delivery(String event, String id, byte[] body, String sha256, String sha1) {
        MutableHttpRequest<byte[]> r = HttpRequest.POST("/api/v1/webhooks/github", body)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("User-Agent", "GitHub-Hookshot/9ab2b1f")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", id)
                .header("X-GitHub-Hook-ID", "512340987");
        if (sha256 != null) {
            r.header("X-Hub-Signature-256", sha256);
        }
        if (sha1 != null) {
            r.header("X-Hub-Signature", sha1);
        }
        return r;
    }

    HttpResponse<Map<String, Object>> send(MutableHttpRequest<byte[]> request) {
        return client.toBlocking().exchange(request, Argument.mapOf(String.class, Object.class));
    }

    Map<?, ?> problem(MutableHttpRequest<byte[]> request, int status) {
        HttpClientResponseException e = org.junit.jupiter.api.Assertions.assertThrows(
                HttpClientResponseException.class,
                () -> client.toBlocking().exchange(request, Argument.of(String.class), Argument.of(Map.class)));
        assertThat(e.code()).isEqualTo(status);
        assertThat(e.getResponse().getContentType()).map(MediaType::toString).contains("application/problem+json");
        return e.getResponse().getBody(Map.class).orElseThrow();
    }

    @Test
    void aSignedPushToMainStartsTheConfiguredRunWithTheCommit() {
        String id = UUID.randomUUID().toString();

        HttpResponse<Map<String, Object>> r = send(delivery("push", id, FakeGitHub.webhookPayload("push.json")));

        assertThat(r.code()).isEqualTo(202);
        assertThat(r.body()).containsEntry("status", "started").containsEntry("delivery", id);
        assertThat(launcher.launches).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo("github.wait-checks");
            assertThat(l.params())
                    .containsEntry("repository", "cfn-registry")
                    .containsEntry("ref", "3f786850e387550fdab836ed7e6dc881de23001b")
                    .containsEntry("failOnFailure", false);
            assertThat(l.requestedBy()).isEqualTo("github-webhook:ericzbeard");
            assertThat(l.idempotencyKey()).isEqualTo("github-delivery:" + id + ":0");
        });
    }

    @Test
    void aHighDependabotAlertStartsTheConfiguredHotfixRun() {
        String id = UUID.randomUUID().toString();

        HttpResponse<Map<String, Object>> r =
                send(delivery("dependabot_alert", id, FakeGitHub.webhookPayload("dependabot_alert-created.json")));

        assertThat(r.code()).isEqualTo(202);
        assertThat(r.body()).containsEntry("status", "started").containsEntry("event", "dependabot_alert");
        assertThat(launcher.launches).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo("train.release");
            assertThat(l.params())
                    .containsEntry("repository", "cfn-registry")
                    .containsEntry("target", "main")
                    .containsEntry("message", "Hotfix {tag}: GHSA-34jh-p97f-mpxf in urllib3 (high, alert 42)");
            assertThat(l.requestedBy()).isEqualTo("github-webhook:github");
            assertThat(l.idempotencyKey()).isEqualTo("github-delivery:" + id + ":2");
        });
    }

    @Test
    void aCriticalDependabotAlertStartsItAndAMediumModerateOrDismissedOneDoesNot() {
        String high = new String(FakeGitHub.webhookPayload("dependabot_alert-created.json"), StandardCharsets.UTF_8);

        int critical = send(delivery(
                        "dependabot_alert", UUID.randomUUID().toString(), bytes(severity(high, "critical"))))
                .code();
        HttpResponse<Map<String, Object>> medium =
                send(delivery("dependabot_alert", UUID.randomUUID().toString(), bytes(severity(high, "medium"))));
        HttpResponse<Map<String, Object>> moderate =
                send(delivery("dependabot_alert", UUID.randomUUID().toString(), bytes(severity(high, "moderate"))));
        HttpResponse<Map<String, Object>> dismissed = send(delivery(
                "dependabot_alert",
                UUID.randomUUID().toString(),
                bytes(high.replace("\"action\": \"created\"", "\"action\": \"dismissed\""))));

        assertThat(critical).isEqualTo(202);
        for (HttpResponse<Map<String, Object>> r : List.of(medium, moderate, dismissed)) {
            assertThat(r.body()).containsEntry("status", "ignored");
        }
        assertThat(launcher.launches)
                .singleElement()
                .satisfies(l -> assertThat(l.params().get("message")).asString().contains("(critical, alert 42)"));
    }

    @Test
    void aCodeScanningAlertAtTheThresholdStartsTheHotfixRunAndOneBelowItDoesNot() {
        String critical =
                new String(FakeGitHub.webhookPayload("code_scanning_alert-created.json"), StandardCharsets.UTF_8);
        // a rule without a security severity level: its "error" counts as high, below the trigger's critical
        String errorOnly = critical.replace("\"security_severity_level\": \"critical\",", "");

        HttpResponse<Map<String, Object>> started =
                send(delivery("code_scanning_alert", UUID.randomUUID().toString(), bytes(critical)));
        HttpResponse<Map<String, Object>> ignored =
                send(delivery("code_scanning_alert", UUID.randomUUID().toString(), bytes(errorOnly)));

        assertThat(started.code()).isEqualTo(202);
        assertThat(ignored.body()).containsEntry("status", "ignored");
        assertThat(launcher.launches).singleElement().satisfies(l -> assertThat(l.params())
                .containsEntry(
                        "message",
                        "Hotfix {tag}: py/sql-injection (critical) found at 3f786850e387550fdab836ed7e6dc881de23001b"));
    }

    @Test
    void aRedeliveredAlertStartsNothingTwice() {
        String id = UUID.randomUUID().toString();
        byte[] body = FakeGitHub.webhookPayload("dependabot_alert-created.json");

        send(delivery("dependabot_alert", id, body));
        HttpResponse<Map<String, Object>> again = send(delivery("dependabot_alert", id, body));

        assertThat(again.code()).isEqualTo(200);
        assertThat(again.body()).containsEntry("status", "duplicate");
        assertThat(launcher.launches).hasSize(1);
    }

    private static String severity(String payload, String severity) {
        return payload.replace("\"severity\": \"high\"", "\"severity\": \"" + severity + "\"");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPublishedReleaseStartsReleaseToStageWithItsTag() {
        HttpResponse<Map<String, Object>> r = send(
                delivery("release", UUID.randomUUID().toString(), FakeGitHub.webhookPayload("release-published.json")));

        assertThat(r.code()).isEqualTo(202);
        assertThat(launcher.launches).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo("github.release-to-stage");
            assertThat(l.params())
                    .containsEntry("tag", "release-0.1.2")
                    .containsEntry("store", "beta")
                    .containsEntry("prefix", "awscommunity");
        });
    }

    @Test
    void aReplayedDeliveryIsAcknowledgedButStartsNothing() {
        String id = UUID.randomUUID().toString();
        byte[] body = FakeGitHub.webhookPayload("push.json");

        send(delivery("push", id, body));
        HttpResponse<Map<String, Object>> again = send(delivery("push", id, body));

        assertThat(again.code()).isEqualTo(200);
        assertThat(again.body()).containsEntry("status", "duplicate");
        assertThat(String.valueOf(again.body().get("detail"))).contains("duplicate delivery");
        assertThat(launcher.launches).hasSize(1);
    }

    @Test
    void aRedeliveryStartsAgainOnlyTheRunThatFailed() {
        String id = UUID.randomUUID().toString();
        byte[] body = FakeGitHub.webhookPayload("push.json");
        HttpResponse<Map<String, Object>> first = send(delivery("push", id, body));
        launcher.failed.add("run-1"); // e.g. the checks never turned green in time

        HttpResponse<Map<String, Object>> redelivered = send(delivery("push", id, body));
        HttpResponse<Map<String, Object>> onceMore = send(delivery("push", id, body));

        assertThat(first.body()).containsEntry("runs", List.of("run-1"));
        assertThat(redelivered.code()).isEqualTo(202);
        assertThat(redelivered.body()).containsEntry("status", "started").containsEntry("runs", List.of("run-2"));
        assertThat(String.valueOf(redelivered.body().get("detail"))).startsWith("redelivered: started again");
        assertThat(launcher.launches)
                .extracting(RecordingRunLauncher.Launch::idempotencyKey)
                .containsExactly("github-delivery:" + id + ":0", "github-delivery:" + id + ":0:retry-1");
        assertThat(onceMore.code()).isEqualTo(200);
        assertThat(onceMore.body()).containsEntry("status", "duplicate");
        assertThat(launcher.launches).hasSize(2);
    }

    @Test
    void aBadSignatureIs401AndStartsNothing() {
        byte[] body = FakeGitHub.webhookPayload("push.json");
        MutableHttpRequest<byte[]> forged = delivery(
                "push",
                UUID.randomUUID().toString(),
                body,
                GitHubWebhookSignature.sha256(body, "guessed".getBytes(StandardCharsets.UTF_8)),
                null);

        Map<?, ?> p = problem(forged, 401);

        assertThat(p.get("type")).isEqualTo("https://releasekit.io/problems/unauthorized");
        assertThat(String.valueOf(p.get("detail"))).isEqualTo("X-Hub-Signature-256 does not match the body");
        assertThat(launcher.launches).isEmpty();
    }

    @Test
    void aTamperedBodyWithTheOriginalSignatureIs401() {
        byte[] body = FakeGitHub.webhookPayload("push.json");
        MutableHttpRequest<byte[]> original = delivery("push", UUID.randomUUID().toString(), body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8)
                .replace("refs/heads/main", "refs/heads/mainx")
                .getBytes(StandardCharsets.UTF_8);
        MutableHttpRequest<byte[]> request = delivery(
                "push",
                UUID.randomUUID().toString(),
                tampered,
                original.getHeaders().get("X-Hub-Signature-256"),
                original.getHeaders().get("X-Hub-Signature"));

        problem(request, 401);
        assertThat(launcher.launches).isEmpty();
    }

    @Test
    void aMissingSignatureIs401AndMissingGitHubHeadersAre400() {
        byte[] body = FakeGitHub.webhookPayload("push.json");
        MutableHttpRequest<byte[]> unsigned = HttpRequest.POST("/api/v1/webhooks/github", body)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", UUID.randomUUID().toString());
        assertThat(String.valueOf(problem(unsigned, 401).get("detail"))).contains("carries no X-Hub-Signature-256");

        MutableHttpRequest<byte[]> noEvent = HttpRequest.POST("/api/v1/webhooks/github", body)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header(
                        "X-Hub-Signature-256",
                        GitHubWebhookSignature.sha256(body, GitHubWebhookSignature.secret(SECRET)));
        assertThat(String.valueOf(problem(noEvent, 400).get("detail"))).contains("X-GitHub-Event");
        assertThat(launcher.launches).isEmpty();
    }

    @Test
    void anOversizedBodyIs413() {
        byte[] big = ("{\"zen\": \"" + "x".repeat(20_000) + "\"}").getBytes(StandardCharsets.UTF_8);

        Map<?, ?> p = problem(delivery("push", UUID.randomUUID().toString(), big), 413);

        assertThat(p.get("type")).isEqualTo("https://releasekit.io/problems/payload-too-large");
        assertThat(String.valueOf(p.get("detail"))).contains("at most 16384");
    }

    @Test
    void answersPingsAndIgnoresOtherEventsAndOtherBranches() {
        HttpResponse<Map<String, Object>> ping = send(delivery(
                "ping",
                UUID.randomUUID().toString(),
                "{\"zen\": \"Keep it logically awesome.\", \"hook_id\": 512340987}".getBytes(StandardCharsets.UTF_8)));
        HttpResponse<Map<String, Object>> issues = send(delivery(
                "issues", UUID.randomUUID().toString(), "{\"action\": \"opened\"}".getBytes(StandardCharsets.UTF_8)));
        byte[] otherBranch = new String(FakeGitHub.webhookPayload("push.json"), StandardCharsets.UTF_8)
                .replace("refs/heads/main", "refs/heads/feature-x")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<Map<String, Object>> feature =
                send(delivery("push", UUID.randomUUID().toString(), otherBranch));

        assertThat(ping.code()).isEqualTo(200);
        assertThat(ping.body()).containsEntry("status", "pong");
        assertThat(issues.code()).isEqualTo(202);
        assertThat(issues.body()).containsEntry("status", "ignored");
        assertThat(feature.code()).isEqualTo(202);
        assertThat(String.valueOf(feature.body().get("detail"))).contains("no trigger matches this push");
        assertThat(launcher.launches).isEmpty();
    }

    @Test
    void aDeliveryThatCouldNotStartItsRunIsAcceptedWhenGitHubRedeliversIt() {
        String id = UUID.randomUUID().toString();
        byte[] body = FakeGitHub.webhookPayload("push.json");
        launcher.failure = new ServiceUnavailableException("runs", "run store unavailable");

        Map<?, ?> p = problem(delivery("push", id, body), 503);
        launcher.failure = null;
        HttpResponse<Map<String, Object>> redelivered = send(delivery("push", id, body));

        assertThat(p.get("type")).isEqualTo("https://releasekit.io/problems/service-unavailable");
        assertThat(redelivered.code()).isEqualTo(202);
        assertThat(launcher.launches).hasSize(1);
    }

    @Test
    void refusesAFormEncodedDelivery() {
        String body = "payload=%7B%7D";
        MutableHttpRequest<String> form = HttpRequest.POST("/api/v1/webhooks/github", body)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                .header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header(
                        "X-Hub-Signature-256",
                        GitHubWebhookSignature.sha256(
                                body.getBytes(StandardCharsets.UTF_8), GitHubWebhookSignature.secret(SECRET)));

        assertThatThrownBy(() -> client.toBlocking().exchange(form, String.class))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.code())
                        .isEqualTo(415));
    }

    @Test
    void theWebhookNeedsNoBearerTokenWhileTheGithubEndpointsDo() throws Exception {
        byte[] body = FakeGitHub.webhookPayload("push.json");
        byte[] secret = GitHubWebhookSignature.secret(SECRET);
        java.net.http.HttpClient plain = java.net.http.HttpClient.newHttpClient();

        java.net.http.HttpResponse<String> webhook = plain.send(
                java.net.http.HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/webhooks/github"))
                        .header("Content-Type", "application/json")
                        .header("X-GitHub-Event", "push")
                        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                        .header("X-Hub-Signature-256", GitHubWebhookSignature.sha256(body, secret))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        java.net.http.HttpResponse<String> repositories = plain.send(
                java.net.http.HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/github/repositories"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(webhook.statusCode()).isEqualTo(202);
        assertThat(launcher.launches).hasSize(1);
        assertThat(repositories.statusCode()).isEqualTo(401);
    }
}
