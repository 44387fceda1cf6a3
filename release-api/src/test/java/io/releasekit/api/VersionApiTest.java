package io.releasekit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@MicronautTest
class VersionApiTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void computesTheNextReleaseNumberFromTags() {
        Map<String, Object> body = Map.of(
                "tags", List.of("release-0.1.0", "release-0.1.1", "v3.0.0"), "prefix", "release-", "bump", "PATCH");

        Map<String, Object> next = json(HttpRequest.POST("/api/v1/versions/next", body));

        assertThat(next).containsEntry("previousTag", "release-0.1.1").containsEntry("tag", "release-0.1.2");
    }

    @Test
    void appliesTheVersionPolicyAfterABranchCut() {
        Map<String, Object> r = json(HttpRequest.POST(
                "/api/v1/versions/policy",
                Map.of("current", "2.1.0", "event", "BRANCH_CUT", "chart", false, "branchPrefix", "aether-")));

        assertThat(r).containsEntry("to", "2.2.0-dev").containsEntry("branch", "aether-2.1");
    }

    @Test
    void parsesAVersion() {
        Map<String, Object> r = json(HttpRequest.GET("/api/v1/versions/1.2.3-rc.1"));
        assertThat(r).containsEntry("major", 1).containsEntry("preRelease", "rc.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2", "v1.2.3", "01.2.3", "1.2.3-"})
    void answersAnInvalidVersionWithAProblem(String bad) {
        assertProblem(
                HttpRequest.POST("/api/v1/versions/policy", Map.of("current", bad, "event", "RELEASE")),
                400,
                "invalid-input");
    }

    @Test
    void answersMalformedJsonWithAProblem() {
        assertProblem(
                HttpRequest.POST("/api/v1/versions/next", "{\"tags\": [").contentType(MediaType.APPLICATION_JSON),
                400,
                "invalid-input");
    }

    @Test
    void answersAMissingFieldWithAProblem() {
        assertProblem(HttpRequest.POST("/api/v1/versions/next", Map.of("prefix", "v")), 400, "invalid-input");
    }

    @Test
    void refusesATagLongerThan255CharactersNamingIt() {
        String longTag = "v1.0.0-" + "x".repeat(250);
        Map<?, ?> problem = assertProblem(
                HttpRequest.POST("/api/v1/versions/next", Map.of("tags", List.of("v1.0.0", longTag), "prefix", "v")),
                400,
                "invalid-input");
        assertThat(String.valueOf(problem.get("detail")))
                .contains("'tags[1]' is 257 characters long, at most 255")
                .contains("v1.0.0-xxx");
    }

    @Test
    void refusesAPrefixLongerThan100Characters() {
        Map<?, ?> problem = assertProblem(
                HttpRequest.POST("/api/v1/versions/next", Map.of("tags", List.of(), "prefix", "p".repeat(101))),
                400,
                "invalid-input");
        assertThat(String.valueOf(problem.get("detail"))).contains("'prefix' is 101 characters long, at most 100");
    }

    @Test
    void takesTagsAndAPrefixAtTheirLimits() {
        String tag = "v" + "1".repeat(250) + ".0.0";
        Map<String, Object> next = json(HttpRequest.POST(
                "/api/v1/versions/next", Map.of("tags", List.of(tag.substring(0, 255)), "prefix", "v".repeat(100))));
        assertThat(next).containsEntry("tag", "v".repeat(100) + "0.1.0");
    }

    @Test
    void answersAnUnknownRouteWithAProblem() {
        assertProblem(HttpRequest.GET("/api/v1/nothing-here"), 404, "not-found");
    }

    @Test
    void servesTheOpenApiFileAndHealth() {
        String yaml = client.toBlocking().retrieve("/swagger/releasekit-0.1.yml");
        assertThat(yaml).contains("/api/v1/versions/next").contains("/api/v1/versions/policy");
        int health = client.toBlocking().exchange("/health").code();
        assertThat(health).isEqualTo(200);
    }

    @Test
    void operationIdsAreUniqueSoGeneratedClientsKeepTheirMethodNames() {
        String yaml = client.toBlocking().retrieve(HttpRequest.GET("/swagger/releasekit-0.1.yml"), String.class);
        List<String> ids = yaml.lines()
                .map(String::strip)
                .filter(l -> l.startsWith("operationId:"))
                .map(l -> l.substring("operationId:".length()).strip())
                .toList();
        assertThat(ids).isNotEmpty().doesNotHaveDuplicates();
    }

    private Map<String, Object> json(HttpRequest<?> request) {
        return client.toBlocking().retrieve(request, Argument.mapOf(String.class, Object.class));
    }

    private Map<?, ?> assertProblem(HttpRequest<?> request, int status, String type) {
        Map<?, ?>[] body = new Map<?, ?>[1];
        assertThatThrownBy(
                        () -> client.toBlocking().exchange(request, Argument.of(String.class), Argument.of(Map.class)))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.code()).isEqualTo(status);
                    assertThat(e.getResponse().getContentType())
                            .map(MediaType::toString)
                            .contains("application/problem+json");
                    Map<?, ?> problem = e.getResponse().getBody(Map.class).orElseThrow();
                    assertThat(problem.get("type")).isEqualTo("https://releasekit.io/problems/" + type);
                    assertThat(problem.get("status")).isEqualTo(status);
                    assertThat(String.valueOf(problem.get("detail")))
                            .doesNotContain("Exception")
                            .doesNotContain("\tat ");
                    body[0] = problem;
                });
        return body[0];
    }
}
