package io.releasekit.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.releasekit.api.TestTokens;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JWT mode for portals behind an identity provider: a shared HS256 secret and an RSA key set served as JWKS by a local
 * HTTP server, roles from a configured claim ({@code groups} here). Static tokens keep working beside it.
 */
class JwtTest {

    private static final String SECRET = "a-shared-secret-of-at-least-32-bytes!!";
    private static final String NEXT_VERSION = "{\"tags\":[\"v1.0.0\"],\"prefix\":\"v\",\"bump\":\"PATCH\"}";

    private static RSAKey idpKey;
    private static HttpServer jwks;
    private static EmbeddedServer server;
    private static RawHttp http;

    @BeforeAll
    static void start() throws Exception {
        idpKey = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        byte[] body = new JWKSet(idpKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "releasekit.security.jwt.enabled",
                        true,
                        "releasekit.security.jwt.secret",
                        SECRET,
                        "releasekit.security.jwt.jwks-url",
                        "http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json",
                        "releasekit.security.jwt.roles-claim",
                        "groups"),
                "test");
        http = new RawHttp(server.getURI());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (jwks != null) {
            jwks.stop(0);
        }
    }

    @Test
    void acceptsAJwtSignedWithTheSharedSecret() throws Exception {
        String jwt = hs256(claims("portal-user", List.of("ci"), 300));

        assertThat(http.post("/api/v1/versions/next", jwt, NEXT_VERSION).statusCode())
                .isEqualTo(200);
        assertThat(http.get("/api/v1/me", jwt).body())
                .contains("\"name\":\"portal-user\"")
                .contains("ci");
    }

    @Test
    void acceptsAJwtSignedWithAKeyFromTheJwks() throws Exception {
        String jwt = rs256(idpKey, claims("alice@example.com", List.of("release-manager"), 300));

        assertThat(http.get("/api/v1/me", jwt).body())
                .contains("\"name\":\"alice@example.com\"")
                .contains("release-manager");
        assertThat(http.post("/api/v1/runs/r1/approvals", jwt, "{}").statusCode())
                .isEqualTo(404); // allowed
    }

    @Test
    void appliesTheRolesOfTheConfiguredClaim() throws Exception {
        String reader = hs256(claims("viewer", List.of("reader"), 300));
        String admin = hs256(claims("root", List.of("admin"), 300));

        assertThat(http.get("/api/v1/services", reader).statusCode()).isEqualTo(200);
        assertThat(http.post("/api/v1/versions/next", reader, NEXT_VERSION).statusCode())
                .isEqualTo(403);
        assertThat(http.get("/api/v1/me", admin).body()).contains("reader", "ci", "release-manager", "admin");
    }

    @Test
    void rejectsForgedExpiredAndUnsignedJwts() throws Exception {
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        String forged = rs256(otherKey, claims("mallory", List.of("admin"), 300));
        String expired = hs256(claims("portal-user", List.of("ci"), -60));
        String unsigned = new PlainJWT(claims("mallory", List.of("admin"), 300)).serialize();
        String wrongSecret = sign(claims("mallory", List.of("admin"), 300), "another-secret-of-at-least-32-bytes!!!");

        for (String jwt : List.of(forged, expired, unsigned, wrongSecret)) {
            assertThat(http.get("/api/v1/services", jwt).statusCode()).as(jwt).isEqualTo(401);
        }
    }

    @Test
    void keepsAcceptingStaticTokens() {
        assertThat(http.post("/api/v1/versions/next", TestTokens.CI, NEXT_VERSION)
                        .statusCode())
                .isEqualTo(200);
    }

    static JWTClaimsSet claims(String subject, List<String> groups, long expiresInSeconds) {
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("groups", groups)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(expiresInSeconds)))
                .build();
    }

    static String hs256(JWTClaimsSet claims) throws JOSEException {
        return sign(claims, SECRET);
    }

    static String sign(JWTClaimsSet claims, String secret) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    static String rs256(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
