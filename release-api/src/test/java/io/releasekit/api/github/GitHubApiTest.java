package io.releasekit.api.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.releasekit.github.FakeGitHub.PATH;
import static io.releasekit.github.FakeGitHub.array;
import static io.releasekit.github.FakeGitHub.github;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.TestStepContext;
import io.releasekit.github.FakeGitHub;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitHubApiTest implements TestPropertyProvider {

    static final String SHA = "3f786850e387550fdab836ed7e6dc881de23001b";

    final FakeGitHub github = new FakeGitHub();

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ServiceGuards guards;

    @Inject
    List<ProcessDefinition> processes;

    @Inject
    ArtifactStores stores;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "releasekit.test.github", "true",
                "releasekit.github.endpoint", github.base(),
                "releasekit.github.token", "ghp_apitoken_never_shown",
                "releasekit.github.repositories.cfn-registry.owner", FakeGitHub.OWNER,
                "releasekit.github.repositories.cfn-registry.repo", FakeGitHub.REPO,
                "releasekit.github.repositories.cfn-registry.tag-prefix", "release-",
                "releasekit.services.github.max-attempts", "1");
    }

    @BeforeEach
    void reset() {
        github.server().resetAll();
        github.withRepository();
        guards.reset("github");
    }

    @AfterAll
    void stop() {
        github.close();
    }

    Map<String, Object> json(HttpRequest<?> request) {
        return client.toBlocking().retrieve(request, Argument.mapOf(String.class, Object.class));
    }

    HttpClientResponseException problem(HttpRequest<?> request, int status, String type) {
        HttpClientResponseException e =
                Assertions.assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                        .exchange(request, Argument.of(String.class), Argument.of(Map.class)));
        assertThat(e.code()).isEqualTo(status);
        assertThat(e.getResponse().getContentType()).map(MediaType::toString).contains("application/problem+json");
        Map<?, ?> p = e.getResponse().getBody(Map.class).orElseThrow();
        assertThat(p.get("type")).isEqualTo("https://releasekit.io/problems/" + type);
        return e;
    }

    void releases(String... releases) {
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo(PATH + "/releases"))
                        .willReturn(github(200).withBody(array(List.of(releases)))));
    }

    void tags(String... names) {
        StringBuilder b = new StringBuilder("[");
        for (String n : names) {
            b.append(b.length() > 1 ? "," : "")
                    .append("{\"name\": \"")
                    .append(n)
                    .append("\", \"commit\": {\"sha\": \"")
                    .append(SHA)
                    .append("\", \"url\": \"x\"}}");
        }
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo(PATH + "/tags"))
                        .willReturn(github(200).withBody(b + "]")));
    }

    void noRelease(String tag) {
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo(PATH + "/releases/tags/" + tag))
                        .willReturn(github(404).withBody("{\"message\":\"Not Found\"}")));
    }

    @Test
    void listsTheConfiguredRepositoriesWithoutTheToken() {
        String body = client.toBlocking().retrieve("/api/v1/github/repositories");

        assertThat(body)
                .contains("\"name\":\"cfn-registry\"")
                .contains("\"tagPrefix\":\"release-\"")
                .doesNotContain("ghp_");
    }

    @Test
    void computesTheNextReleaseNumberOfSeed001() {
        tags("release-0.1.0");
        releases(github.release(104, "release-0.1.1", false, "", "main"));

        Map<String, Object> next = json(HttpRequest.GET("/api/v1/github/repositories/cfn-registry/next-release"));

        assertThat(next)
                .containsEntry("previousTag", "release-0.1.1")
                .containsEntry("tag", "release-0.1.2")
                .containsEntry("version", "0.1.2");
    }

    @Test
    void createsTheNextDraftReleaseWith201AndAnswersARepeatWith200() {
        tags("release-0.1.0");
        releases(github.release(104, "release-0.1.1", false, "", "main"));
        noRelease("release-0.1.2");
        github.server()
                .stubFor(post(urlPathEqualTo(PATH + "/releases"))
                        .willReturn(github(201).withBody(github.release(106, "release-0.1.2", true, "Notes", SHA))));
        Map<String, Object> body = Map.of("target", SHA, "notes", "Notes");

        HttpResponse<Map<String, Object>> created = client.toBlocking()
                .exchange(
                        HttpRequest.POST("/api/v1/github/repositories/cfn-registry/releases", body),
                        Argument.mapOf(String.class, Object.class));

        assertThat(created.code()).isEqualTo(201);
        assertThat(created.body()).containsEntry("change", "CREATED");
        github.server()
                .verify(postRequestedFor(urlPathEqualTo(PATH + "/releases"))
                        .withHeader("Authorization", equalTo("Bearer ghp_apitoken_never_shown"))
                        .withRequestBody(equalToJson("{\"tag_name\": \"release-0.1.2\", \"draft\": true,"
                                + " \"target_commitish\": \"" + SHA
                                + "\", \"body\": \"Notes\", \"name\": \"release-0.1.2\","
                                + " \"prerelease\": false}")));

        github.server()
                .stubFor(WireMock.get(urlPathEqualTo(PATH + "/releases/tags/release-0.1.2"))
                        .willReturn(github(200).withBody(github.release(106, "release-0.1.2", false, "Notes", SHA))));
        HttpResponse<Map<String, Object>> again = client.toBlocking()
                .exchange(
                        HttpRequest.POST(
                                "/api/v1/github/repositories/cfn-registry/releases",
                                Map.of("tag", "release-0.1.2", "target", SHA, "notes", "Notes")),
                        Argument.mapOf(String.class, Object.class));
        assertThat(again.code()).isEqualTo(200);
        assertThat(again.body()).containsEntry("change", "UNCHANGED");
    }

    @Test
    void answersADifferentExistingReleaseWithAConflictProblem() {
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo(PATH + "/releases/tags/release-0.1.1"))
                        .willReturn(
                                github(200).withBody(github.release(104, "release-0.1.1", false, "Fixes.", "main"))));

        HttpClientResponseException e = problem(
                HttpRequest.POST(
                        "/api/v1/github/repositories/cfn-registry/releases",
                        Map.of("tag", "release-0.1.1", "notes", "Different")),
                409,
                "conflict");

        assertThat(e.getResponse()
                        .getBody(Map.class)
                        .orElseThrow()
                        .get("detail")
                        .toString())
                .contains("notes differ");
    }

    @Test
    void publishesADraftAndPlansInADryRun() {
        noRelease("release-0.1.2");
        releases(github.release(106, "release-0.1.2", true, "Notes", SHA));
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo(PATH + "/releases/106"))
                        .willReturn(github(200).withBody(github.release(106, "release-0.1.2", true, "Notes", SHA))));
        github.server()
                .stubFor(patch(urlPathEqualTo(PATH + "/releases/106"))
                        .willReturn(github(200).withBody(github.release(106, "release-0.1.2", false, "Notes", SHA))));

        Map<String, Object> dry = json(HttpRequest.POST(
                "/api/v1/github/repositories/cfn-registry/releases/release-0.1.2/publish?dryRun=true", ""));
        Map<String, Object> done =
                json(HttpRequest.POST("/api/v1/github/repositories/cfn-registry/releases/release-0.1.2/publish", ""));

        assertThat(dry).containsEntry("change", "PLANNED");
        assertThat(done).containsEntry("change", "PUBLISHED");
        github.server()
                .verify(
                        1,
                        com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor(
                                urlPathEqualTo(PATH + "/releases/106")));
    }

    @Test
    void composesReleaseNotesFromPullRequestsMergedInAWindow() {
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo("/search/issues"))
                        .willReturn(github(200)
                                .withBody("{\"total_count\": 2, \"incomplete_results\": false, \"items\": ["
                                        + github.searchItem(
                                                2701,
                                                "Retrigger",
                                                "Intro.\n\nYou can retrigger one target.",
                                                "2025-11-19T14:00:00Z",
                                                "has-release-notes",
                                                "enhancement")
                                        + ","
                                        + github.searchItem(
                                                2702,
                                                "Fix",
                                                "RELEASE NOTES BEGIN\nNo more 500s.\nRELEASE NOTES END",
                                                "2025-11-20T14:00:00Z",
                                                "has-release-notes",
                                                "bug")
                                        + "]}")));
        Map<String, Object> request = Map.of(
                "since",
                "2025-11-17",
                "until",
                "2025-11-24",
                "labels",
                List.of("has-release-notes"),
                "categories",
                List.of(
                        Map.of("title", "Features", "labels", List.of("enhancement")),
                        Map.of("title", "Fixes", "labels", List.of("bug"))));

        Map<String, Object> notes =
                json(HttpRequest.POST("/api/v1/github/repositories/cfn-registry/release-notes", request));

        assertThat(notes.get("markdown").toString())
                .contains("### Features\n\n- You can retrigger one target.")
                .contains("### Fixes\n\n- No more 500s.");
    }

    @Test
    void refusesANotesRequestWithBothRefsAndDates() {
        problem(
                HttpRequest.POST(
                        "/api/v1/github/repositories/cfn-registry/release-notes",
                        Map.of("from", "v1", "to", "main", "since", "2025-11-17")),
                400,
                "invalid-input");
    }

    @Test
    void draftsTheWeeklyBlogPost() {
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo("/search/issues"))
                        .willReturn(github(200)
                                .withBody("{\"total_count\": 1, \"incomplete_results\": false, \"items\": ["
                                        + github.searchItem(
                                                2701,
                                                "Retrigger",
                                                "You can retrigger one target.",
                                                "2025-11-19T14:00:00Z",
                                                "has-release-notes")
                                        + "]}")));

        Map<String, Object> post = json(HttpRequest.POST(
                "/api/v1/github/blog-post",
                Map.of(
                        "project",
                        "Packit",
                        "repositories",
                        List.of("cfn-registry"),
                        "since",
                        "2025-11-18",
                        "until",
                        "2025-11-24")));

        assertThat(post).containsEntry("title", "Week 47 in Packit");
        assertThat(post.get("markdown").toString()).contains("### cfn-registry\n\n- You can retrigger one target.");
    }

    @Test
    void readsTheCurrentChecksOfARef() {
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo(PATH + "/commits/stable"))
                        .willReturn(github(200).withBody(SHA)));
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo(PATH + "/actions/runs"))
                        .willReturn(github(200).withBody("{\"total_count\": 0, \"workflow_runs\": []}")));
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo(PATH + "/commits/" + SHA + "/check-runs"))
                        .willReturn(github(200).withBody("{\"total_count\": 0, \"check_runs\": []}")));
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo(PATH + "/statuses/" + SHA))
                        .willReturn(github(200)
                                .withBody("[{\"id\": 1, \"state\": \"pending\", \"context\": \"quay.io\","
                                        + " \"target_url\": \"https://quay.io\", \"description\": \"building\"}]")));

        Map<String, Object> checks =
                json(HttpRequest.GET("/api/v1/github/repositories/cfn-registry/checks?ref=stable&required=quay.io"));

        assertThat(checks).containsEntry("verdict", "PENDING").containsEntry("sha", SHA);
        assertThat(checks.get("summary").toString()).contains("status \"quay.io\": pending");
    }

    @Test
    void answersAnUnknownRepositoryWith404() {
        problem(HttpRequest.GET("/api/v1/github/repositories/nope/next-release"), 404, "not-found");
    }

    @Test
    void answersGithubsRateLimitWith429AndRetryAfter() {
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo(PATH + "/tags"))
                        .willReturn(aResponse()
                                .withStatus(429)
                                .withHeader("Retry-After", "42")
                                .withBody("{\"message\": \"You have exceeded a secondary rate limit.\"}")));

        HttpClientResponseException e =
                problem(HttpRequest.GET("/api/v1/github/repositories/cfn-registry/next-release"), 429, "rate-limited");

        assertThat(e.getResponse().getHeaders().get("Retry-After")).isEqualTo("42");
    }

    @Test
    void neverEchoesWhatGithubAnsweredIntoAProblemDetail() {
        // an upstream error that echoes the request: its headers, the configured token among them
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo(PATH + "/tags"))
                        .willReturn(aResponse()
                                .withStatus(422)
                                .withBody("{\"message\": \"Validation Failed for GET /tags with headers"
                                        + " Authorization: Bearer ghp_apitoken_never_shown,"
                                        + " X-Trace: upstream-echo-7731\"}")));

        HttpClientResponseException e = problem(
                HttpRequest.GET("/api/v1/github/repositories/cfn-registry/next-release")
                        .bearerAuth(io.releasekit.api.TestTokens.READER),
                400,
                "invalid-input");

        String detail =
                e.getResponse().getBody(Map.class).orElseThrow().get("detail").toString();
        assertThat(detail)
                .contains("GitHub rejected the request as invalid (422)")
                .contains("the service's answer is in the server log")
                .doesNotContain("ghp_apitoken_never_shown", "upstream-echo-7731", "Authorization", "Validation Failed");
    }

    @Test
    void answersAGithubOutageWith503() {
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo(PATH + "/tags"))
                        .willReturn(aResponse().withStatus(503)));

        problem(HttpRequest.GET("/api/v1/github/repositories/cfn-registry/next-release"), 503, "service-unavailable");
    }

    @Test
    void registersTheRunKindsAndStagesThroughTheConfiguredStores() throws Exception {
        assertThat(processes)
                .extracting(ProcessDefinition::kind)
                .contains("github.release", "github.wait-checks", "github.release-to-stage");
        byte[] zip = "PK\u0003\u0004 release zip".getBytes();
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo(PATH + "/releases/tags/release-0.1.2"))
                        .willReturn(github(200).withBody(github.release(106, "release-0.1.2", false, "", "main"))));
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo(PATH + "/zipball/release-0.1.2"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/zip")
                                .withBody(zip)));
        ProcessDefinition stage = processes.stream()
                .filter(p -> p.kind().equals("github.release-to-stage"))
                .findFirst()
                .orElseThrow();
        RunParameters params = stage.parameters()
                .validate(Map.of(
                        "repository",
                        "cfn-registry",
                        "tag",
                        "release-0.1.2",
                        "store",
                        "beta",
                        "prefix",
                        "awscommunity"));

        Map<String, String> outputs = new LinkedHashMap<>();
        for (Step s : stage.steps(params)) {
            outputs.putAll(s.execute(new TestStepContext(params, false, guards)
                            .forStep(s.name())
                            .withOutputs(outputs))
                    .outputs());
        }

        assertThat(outputs).containsEntry("key", "awscommunity/community-registry-extensions-release-0.1.2.zip");
        assertThat(stores.get("beta").stat(ArtifactKey.of(outputs.get("key"))))
                .map(i -> i.size())
                .contains((long) zip.length);
    }

    @Test
    void publishesTheGithubEndpointsInTheOpenApiFile() {
        String yaml = client.toBlocking().retrieve("/swagger/releasekit-0.1.yml");

        assertThat(yaml)
                .contains("/api/v1/github/repositories/{name}/next-release")
                .contains("/api/v1/github/repositories/{name}/release-notes")
                .contains("/api/v1/github/blog-post")
                .contains("/api/v1/webhooks/github");
    }
}
