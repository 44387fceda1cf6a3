package io.releasekit.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.releasekit.api.TestTokens;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest
@io.micronaut.context.annotation.Property(name = "releasekit.test.unannotated-controller", value = "true")
class AuthorizationTest {

    private static final String NEXT_VERSION = "{\"tags\":[\"v1.0.0\"],\"prefix\":\"v\",\"bump\":\"MINOR\"}";

    @Inject
    EmbeddedServer server;

    RawHttp http;

    @BeforeEach
    void setUp() {
        http = new RawHttp(server.getURI());
    }

    @Test
    void answersARequestWithoutTokenWith401ProblemAndBearerChallenge() {
        HttpResponse<String> r = http.get("/api/v1/services", null);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(r.body())
                .contains("\"type\":\"https://releasekit.io/problems/unauthorized\"")
                .contains("\"status\":401");
    }

    @Test
    void answersAnUnknownTokenWith401() {
        assertThat(http.get("/api/v1/services", "rk_not_a_configured_token").statusCode())
                .isEqualTo(401);
    }

    @Test
    void letsAReaderReadButNotWrite() {
        assertThat(http.get("/api/v1/services", TestTokens.READER).statusCode()).isEqualTo(200);

        HttpResponse<String> r = http.post("/api/v1/versions/next", TestTokens.READER, NEXT_VERSION);

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(r.body())
                .contains("\"type\":\"https://releasekit.io/problems/forbidden\"")
                .contains("\"status\":403");
    }

    @Test
    void letsCiCallMutatingEndpoints() {
        HttpResponse<String> r = http.post("/api/v1/versions/next", TestTokens.CI, NEXT_VERSION);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("v1.1.0");
    }

    @Test
    void reservesApprovalsToReleaseManagersAndAdmins() {
        String approvals = "/api/v1/runs/run-1/approvals";
        assertThat(http.post(approvals, TestTokens.CI, "{}").statusCode()).isEqualTo(403);
        assertThat(http.post(approvals, TestTokens.READER, "{}").statusCode()).isEqualTo(403);
        // Allowed through security; run-1 does not exist, hence 404.
        assertThat(http.post(approvals, TestTokens.RELEASE_MANAGER_1, "{}").statusCode())
                .isEqualTo(404);
        assertThat(http.post(approvals, TestTokens.ADMIN, "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void leavesHealthOpenApiAndWebhooksAnonymous() {
        assertThat(http.get("/health", null).statusCode()).isEqualTo(200);
        assertThat(http.get("/swagger/releasekit-0.1.yml", null).statusCode()).isEqualTo(200);
        // Webhooks authenticate with their HMAC signature in their controller: security lets them through, and the
        // controller refuses the unsigned delivery itself (its problem, not the bearer-token challenge).
        HttpResponse<String> webhook = http.post("/api/v1/webhooks/github", null, "{}");
        assertThat(webhook.statusCode()).isEqualTo(401);
        assertThat(webhook.body()).contains("no webhook secret is configured");
    }

    @Test
    void showsHealthDetailsOnlyWithAToken() {
        HttpResponse<String> anonymous = http.get("/health", null);
        HttpResponse<String> reader = http.get("/health", TestTokens.READER);

        assertThat(anonymous.body()).contains("\"status\":\"UP\"").doesNotContain("\"database\"");
        assertThat(reader.statusCode()).isEqualTo(200);
        assertThat(reader.body()).contains("\"database\"").contains("\"since\"");
    }

    @Test
    void deniesAnOperationWithoutASecuredAnnotationToEveryone() {
        for (String path : java.util.List.of("/api/v1/test-unannotated", "/api/v1/test-unannotated/")) {
            assertThat(http.get(path, TestTokens.ADMIN).statusCode()).isEqualTo(403);
            assertThat(http.get(path, TestTokens.READER).statusCode()).isEqualTo(403);
            assertThat(http.get(path, null).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void answersAPathWithoutAnOperationWith404() {
        // nothing is behind it: no security decision to make (reject-not-found is off)
        assertThat(http.get("/not-an-api-path", TestTokens.ADMIN).statusCode()).isEqualTo(404);
        assertThat(http.get("/not-an-api-path", null).statusCode()).isEqualTo(404);
    }

    @Test
    void ignoresJwtsWhileJwtModeIsOff() throws Exception {
        String signed = JwtTest.hs256(JwtTest.claims("portal-user", java.util.List.of("admin"), 300));
        String unsigned = new com.nimbusds.jwt.PlainJWT(JwtTest.claims("portal-user", java.util.List.of("admin"), 300))
                .serialize();

        assertThat(http.get("/api/v1/services", signed).statusCode()).isEqualTo(401);
        assertThat(http.get("/api/v1/services", unsigned).statusCode()).isEqualTo(401);
    }

    @Test
    void reportsThePrincipalAndItsRoles() {
        HttpResponse<String> admin = http.get("/api/v1/me", TestTokens.ADMIN);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body())
                .contains("\"name\":\"test-admin\"")
                .contains("reader", "ci", "release-manager", "admin");

        HttpResponse<String> rm = http.get("/api/v1/me", TestTokens.RELEASE_MANAGER_2);
        assertThat(rm.body())
                .contains("\"name\":\"test-rm2\"")
                .contains("release-manager")
                .doesNotContain("admin");
    }
}
