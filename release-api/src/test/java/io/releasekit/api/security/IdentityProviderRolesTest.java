package io.releasekit.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.releasekit.api.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Roles where identity providers put them, over HTTP with signed JWTs: Keycloak's {@code realm_access.roles} and
 * {@code resource_access.<client>.roles}, an Auth0-style namespaced claim whose name contains dots, a GitHub Actions
 * {@code job_workflow_ref} string claim, and provider role
 * names translated by {@code releasekit.security.jwt.role-map}, configured in YAML as an operator writes it.
 */
class IdentityProviderRolesTest {

    private static final String SECRET = "a-shared-secret-of-at-least-32-bytes!!";
    private static final String NEXT_VERSION = "{\"tags\":[\"v1.0.0\"],\"prefix\":\"v\",\"bump\":\"PATCH\"}";
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private static final String CONFIG =
            """
            micronaut:
              server:
                port: -1
            releasekit:
              security:
                jwt:
                  enabled: true
                  secret: "%s"
                  roles-claim:
                    - realm_access.roles
                    - resource_access.releasekit-portal.roles
                    - https://releasekit.example.com/roles
                    - job_workflow_ref
                  role-map:
                    release-managers: release-manager
                    Release.Admins: admin
                    releasekit-ci: ci
                    viewers: reader
                    "acme/app/.github/workflows/release.yml@refs/heads/main": ci
            """
                    .formatted(SECRET);

    private static EmbeddedServer server;
    private static RawHttp http;

    @BeforeAll
    static void start() {
        server = run(CONFIG);
        http = new RawHttp(server.getURI());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void readsMappedRolesFromKeycloakRealmRoles() {
        String jwt = jwt("alice", c -> c.claim("realm_access", Map.of("roles", List.of("release-managers"))));

        assertThat(me(jwt)).containsEntry("name", "alice").containsEntry("roles", List.of("release-manager"));
    }

    @Test
    void readsMappedRolesFromKeycloakClientRoles() {
        String jwt = jwt(
                "ci-bot",
                c -> c.claim(
                        "resource_access",
                        Map.of(
                                "releasekit-portal", Map.of("roles", List.of("releasekit-ci")),
                                "another-client", Map.of("roles", List.of("Release.Admins")))));

        assertThat(me(jwt)).containsEntry("roles", List.of("ci"));
        assertThat(http.post("/api/v1/versions/next", jwt, NEXT_VERSION).statusCode())
                .isEqualTo(200);
    }

    @Test
    void mergesTheRolesOfEveryPathAndExpandsAMappedAdmin() {
        String jwt = jwt("root", c -> c.claim("realm_access", Map.of("roles", List.of("viewers")))
                .claim("https://releasekit.example.com/roles", List.of("Release.Admins")));

        assertThat(me(jwt)).containsEntry("roles", List.of("admin", "ci", "reader", "release-manager"));
    }

    @Test
    void acceptsAStringClaimAsWellAsAnArray() {
        String single = jwt("viewer", c -> c.claim("https://releasekit.example.com/roles", "viewers"));
        String several = jwt("builder", c -> c.claim("https://releasekit.example.com/roles", "viewers releasekit-ci"));

        assertThat(me(single)).containsEntry("roles", List.of("reader"));
        assertThat(me(several)).containsEntry("roles", List.of("ci", "reader"));
    }

    @Test
    void mapsAGitHubActionsWorkflowRefToCiOnlyOnTheMappedBranch() {
        String main = jwt(
                "repo:acme/app:ref:refs/heads/main",
                c -> c.claim("job_workflow_ref", "acme/app/.github/workflows/release.yml@refs/heads/main"));
        String branch = jwt(
                "repo:acme/app:ref:refs/heads/feature",
                c -> c.claim("job_workflow_ref", "acme/app/.github/workflows/release.yml@refs/heads/feature"));

        assertThat(me(main)).containsEntry("roles", List.of("ci"));
        assertThat(http.get("/api/v1/me", branch).statusCode()).isEqualTo(403);
    }

    @Test
    void ignoresUnmappedRolesEvenWhenTheyAreNamedLikeReleasekitRoles() {
        String jwt = jwt(
                "mallory",
                c -> c.claim("realm_access", Map.of("roles", List.of("admin", "ci", "offline_access", "viewers"))));

        assertThat(me(jwt)).containsEntry("roles", List.of("reader"));
        assertThat(http.post("/api/v1/versions/next", jwt, NEXT_VERSION).statusCode())
                .isEqualTo(403);
    }

    @Test
    void grantsNothingWhenThePathIsMissingOrHoldsNoRoleNames() {
        String noClaim = jwt("nobody", c -> c.claim("groups", List.of("release-managers")));
        String wrongShape = jwt("odd", c -> c.claim("realm_access", List.of("release-managers")));
        String numbers = jwt("odd2", c -> c.claim("realm_access", Map.of("roles", List.of(1, 2))));

        for (String jwt : List.of(noClaim, wrongShape, numbers)) {
            for (String path : List.of("/api/v1/services", "/api/v1/me")) {
                HttpResponse<String> r = http.get(path, jwt);
                assertThat(r.statusCode()).as(path + " " + jwt).isEqualTo(403);
                assertThat(r.body()).contains("https://releasekit.io/problems/forbidden");
            }
        }
    }

    @Test
    void twoPersonRuleCountsDistinctPrincipalsNotTokens() {
        String id = (String)
                json(http.post("/api/v1/runs", TestTokens.CI, "{\"kind\":\"test.approval\",\"parameters\":{}}"))
                        .get("id");
        String alice = jwt("alice", c -> c.claim("realm_access", Map.of("roles", List.of("release-managers"))));
        String aliceAgain =
                jwt("alice", c -> c.claim("https://releasekit.example.com/roles", List.of("release-managers", "x")));
        String unmapped = jwt("carol", c -> c.claim("realm_access", Map.of("roles", List.of("release-manager"))));
        String bob = jwt("bob", c -> c.claim("realm_access", Map.of("roles", List.of("release-managers"))));

        assertThat(approve(id, alice).statusCode()).isEqualTo(200);
        HttpResponse<String> again = approve(id, aliceAgain);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again)).containsEntry("state", "AWAITING_APPROVAL");
        assertThat((List<?>) json(again).get("approvals")).hasSize(1);
        assertThat(approve(id, unmapped).statusCode()).isEqualTo(403);

        HttpResponse<String> second = approve(id, bob);

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat((List<?>) json(second).get("approvals")).hasSize(2);
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> "SUCCEEDED"
                        .equals(json(http.get("/api/v1/runs/" + id, TestTokens.READER))
                                .get("state")));
    }

    @Test
    void refusesToStartWithAMapToAnUnknownRole() {
        String config = CONFIG.replace("viewers: reader", "viewers: superuser");

        assertThatThrownBy(() -> run(config))
                .rootCause()
                .hasMessageContaining("releasekit.security.jwt.role-map")
                .hasMessageContaining("'viewers'")
                .hasMessageContaining("unknown role 'superuser'");
    }

    @Test
    void refusesToStartWithAnEmptyPathSegment() {
        String config = CONFIG.replace("- realm_access.roles", "- realm_access..roles");

        assertThatThrownBy(() -> run(config))
                .rootCause()
                .hasMessageContaining("roles-claim 'realm_access..roles' has an empty segment");
    }

    private static EmbeddedServer run(String yaml) {
        Map<String, Object> props =
                new YamlPropertySourceLoader().read("idp-roles", yaml.getBytes(StandardCharsets.UTF_8));
        return ApplicationContext.builder()
                .environments("test")
                .propertySources(PropertySource.of("idp-roles", props, 200))
                .run(EmbeddedServer.class);
    }

    private static HttpResponse<String> approve(String runId, String jwt) {
        return http.post("/api/v1/runs/" + runId + "/approvals", jwt, "{}");
    }

    private static Map<String, Object> me(String jwt) {
        HttpResponse<String> r = http.get("/api/v1/me", jwt);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    private static Map<String, Object> json(HttpResponse<String> r) {
        try {
            return JSON.readValue(r.body(), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(r.body(), e);
        }
    }

    private static String jwt(String subject, Consumer<JWTClaimsSet.Builder> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .subject(subject)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
        claims.accept(builder);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
        try {
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
