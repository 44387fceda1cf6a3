package io.releasekit.api.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input answers a clear 4xx problem ({@code application/problem+json}, a stable type, a detail naming the
 * value) and leaves every ref of every repository — and of the remote — exactly as it was.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitApiBadInputTest implements TestPropertyProvider {

    static final List<String> BAD_NAMES =
            List.of("a..b", "-x", "x.lock", "a@{b", "has space", "ctl\u0001char", "v".repeat(300), "HEAD@{1}", "a~1");

    GitApiFixture fixture;

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        fixture = new GitApiFixture();
        return fixture.properties();
    }

    @BeforeAll
    void cloneCharts() {
        // opening "charts" clones it; do it before the snapshots so that they cover its refs too
        client.toBlocking().retrieve("/api/v1/repositories/charts/resolve?ref=main");
    }

    @AfterAll
    void cleanUp() throws Exception {
        fixture.close();
    }

    static Stream<Arguments> badRequests() {
        List<Arguments> rows = new ArrayList<>();
        String repo = "/api/v1/repositories/charts";
        for (String bad : BAD_NAMES) {
            rows.add(row(
                    "tag name " + bad,
                    "POST",
                    repo + "/tags",
                    body("tag", bad, "target", "main"),
                    400,
                    "invalid-input"));
            rows.add(row(
                    "tag target " + bad,
                    "POST",
                    repo + "/tags",
                    body("tag", "v9", "target", bad),
                    400,
                    "invalid-input"));
            rows.add(row(
                    "branch " + bad,
                    "POST",
                    repo + "/branches",
                    body("branch", bad, "target", "main"),
                    400,
                    "invalid-input"));
            rows.add(row(
                    "lazy branch " + bad,
                    "POST",
                    repo + "/branches/lazy",
                    body("branch", bad, "version", "2.1.0"),
                    400,
                    "invalid-input"));
            rows.add(row(
                    "move " + bad,
                    "POST",
                    repo + "/branches/move",
                    body("branch", bad, "to", "main"),
                    400,
                    "invalid-input"));
            rows.add(row(
                    "move target " + bad,
                    "POST",
                    repo + "/branches/move",
                    body("branch", "stable", "to", bad, "force", true),
                    400,
                    "invalid-input"));
            rows.add(row(
                    "owned branch " + bad,
                    "POST",
                    repo + "/fetch",
                    body("own", List.of("aether-2.1", bad)),
                    400,
                    "invalid-input"));
            rows.add(row(
                    "sync target " + bad,
                    "POST",
                    repo + "/branches/sync",
                    body("source", "main", "targets", List.of("development", bad)),
                    400,
                    "invalid-input"));
            rows.add(row(
                    "pick branch " + bad,
                    "POST",
                    repo + "/cherry-picks",
                    body("branch", bad, "commits", List.of("main")),
                    400,
                    "invalid-input"));
            rows.add(row(
                    "pick commit " + bad,
                    "POST",
                    repo + "/cherry-picks",
                    body("branch", "stable", "commits", List.of(bad)),
                    400,
                    "invalid-input"));
            rows.add(row("push ref " + bad, "POST", repo + "/push", body("refs", List.of(bad)), 400, "invalid-input"));
            rows.add(row(
                    "resolve " + bad,
                    "GET",
                    UriBuilder.of(repo + "/resolve").queryParam("ref", bad).toString(),
                    null,
                    400,
                    "invalid-input"));
        }
        for (String version : List.of("2.1", "v2.1.0", "02.1.0", "2.1.0-", "2.1.0 ", "latest")) {
            rows.add(row(
                    "lazy version " + version,
                    "POST",
                    repo + "/branches/lazy",
                    body("branch", "aether-2.1", "version", version),
                    400,
                    "invalid-input"));
            rows.add(row(
                    "set version " + version,
                    "POST",
                    repo + "/version",
                    body("branch", "main", "version", version),
                    400,
                    "invalid-input"));
            rows.add(row(
                    "version commit " + version,
                    "GET",
                    UriBuilder.of(repo + "/version-commit")
                            .queryParam("version", version)
                            .toString(),
                    null,
                    400,
                    "invalid-input"));
        }
        rows.add(row(
                "push to a ref outside heads and tags",
                "POST",
                repo + "/push",
                body("refs", List.of("refs/notes/commits")),
                400,
                "invalid-input"));
        rows.add(row(
                "push to a remote with a bad name",
                "POST",
                repo + "/push",
                body("remote", "origin;rm", "refs", List.of("main")),
                400,
                "invalid-input"));
        rows.add(row(
                "cherry-pick of nothing",
                "POST",
                repo + "/cherry-picks",
                body("branch", "stable", "commits", List.of()),
                400,
                "invalid-input"));
        rows.add(row(
                "sync into itself",
                "POST",
                repo + "/branches/sync",
                body("source", "main", "targets", List.of("main")),
                400,
                "invalid-input"));
        rows.add(row("missing field", "POST", repo + "/tags", body("tag", "v9"), 400, "invalid-input"));
        rows.add(row(
                "tag message with NUL",
                "POST",
                repo + "/tags",
                body("tag", "v9", "target", "main", "message", "a\u0000b"),
                400,
                "invalid-input"));
        rows.add(row(
                "local repository has no remote",
                "POST",
                "/api/v1/repositories/local/push",
                body("refs", List.of("main")),
                400,
                "invalid-input"));
        for (String path : List.of(
                "/tags",
                "/branches",
                "/branches/lazy",
                "/branches/move",
                "/branches/sync",
                "/cherry-picks",
                "/version",
                "/push",
                "/fetch")) {
            rows.add(row(
                    "unknown repository " + path,
                    "POST",
                    "/api/v1/repositories/nope" + path,
                    validBody(path),
                    404,
                    "not-found"));
        }
        rows.add(row(
                "unknown repository resolve",
                "GET",
                "/api/v1/repositories/nope/resolve?ref=main",
                null,
                404,
                "not-found"));
        rows.add(row(
                "missing VERSION: lazy branch",
                "POST",
                "/api/v1/repositories/local/branches/lazy",
                body("branch", "r-1.0", "version", "1.0.0", "from", "no-version"),
                404,
                "not-found"));
        rows.add(row(
                "missing VERSION: patch bump",
                "POST",
                "/api/v1/repositories/local/cherry-picks",
                body("branch", "no-version", "commits", List.of("main"), "bumpPatch", true),
                404,
                "not-found"));
        rows.add(row(
                "missing VERSION: read",
                "GET",
                "/api/v1/repositories/local/version?ref=no-version",
                null,
                404,
                "not-found"));
        rows.add(row(
                "version never set",
                "POST",
                repo + "/branches/lazy",
                body("branch", "aether-9.9", "version", "9.9.0"),
                404,
                "not-found"));
        rows.add(row(
                "unknown tag target", "POST", repo + "/tags", body("tag", "v9", "target", "nope"), 404, "not-found"));
        rows.add(row(
                "unknown commit",
                "POST",
                repo + "/cherry-picks",
                body("branch", "stable", "commits", List.of("0".repeat(40))),
                404,
                "not-found"));
        rows.add(row(
                "unknown branch to move",
                "POST",
                repo + "/branches/move",
                body("branch", "production", "to", "main"),
                404,
                "not-found"));
        rows.add(row(
                "configured directory holds no repository",
                "GET",
                "/api/v1/repositories/broken/resolve?ref=main",
                null,
                503,
                "service-unavailable"));
        rows.add(row(
                "branch exists elsewhere",
                "POST",
                repo + "/branches",
                body("branch", "stable", "target", "main"),
                409,
                "conflict"));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void answersAProblemAndChangesNoRef(
            String description, String method, String uri, Map<String, Object> body, int status, String type) {
        Map<String, String> before = fixture.allRefs();
        HttpRequest<?> request = method.equals("GET")
                ? HttpRequest.GET(uri)
                : HttpRequest.POST(uri, body).contentType(MediaType.APPLICATION_JSON);

        assertThatThrownBy(
                        () -> client.toBlocking().exchange(request, Argument.of(String.class), Argument.of(Map.class)))
                .as(description)
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.code()).as(description).isEqualTo(status);
                    assertThat(e.getResponse().getContentType())
                            .map(MediaType::toString)
                            .contains("application/problem+json");
                    Map<?, ?> problem = e.getResponse().getBody(Map.class).orElseThrow();
                    assertThat(problem.get("type")).isEqualTo("https://releasekit.io/problems/" + type);
                    assertThat(problem.get("status")).isEqualTo(status);
                    assertThat(String.valueOf(problem.get("detail")))
                            .isNotBlank()
                            .doesNotContain("Exception")
                            .doesNotContain(fixture.root.toString());
                });
        assertThat(fixture.allRefs()).as(description).isEqualTo(before);
    }

    static Arguments row(
            String description, String method, String uri, Map<String, Object> body, int status, String type) {
        return Arguments.of(description, method, uri, body, status, type);
    }

    static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    static Map<String, Object> validBody(String path) {
        return switch (path) {
            case "/tags" -> body("tag", "v9", "target", "main");
            case "/branches" -> body("branch", "b9", "target", "main");
            case "/branches/lazy" -> body("branch", "b9", "version", "2.1.0");
            case "/branches/move" -> body("branch", "stable", "to", "main");
            case "/branches/sync" -> body("source", "main", "targets", List.of("development"));
            case "/cherry-picks" -> body("branch", "stable", "commits", List.of("main"));
            case "/version" -> body("branch", "main", "version", "9.9.9");
            case "/push" -> body("refs", List.of("main"));
            default -> body();
        };
    }
}
