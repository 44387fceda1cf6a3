package io.releasekit.api.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenID Connect provider stand-in on WireMock, shaped like Keycloak: a discovery document, a JWKS, an authorization
 * endpoint that logs the configured user in at once (no login form) and redirects back with a code, and a token
 * endpoint that checks the client's secret, the code and its PKCE verifier and answers RS256-signed ID and access
 * tokens carrying the nonce and the user's roles in {@code realm_access.roles}. It can misbehave on request: answer a
 * wrong nonce, or sign with a key that is not in its JWKS.
 */
public final class OidcProviderStandIn implements AutoCloseable {

    /** The client the console is registered as. */
    public static final String CLIENT_ID = "releasekit-console";

    /** Its secret. */
    public static final String CLIENT_SECRET = "console-client-secret-for-tests-only";

    private final RSAKey key;
    private final RSAKey foreignKey;
    private final WireMockServer server;
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private volatile String user = "alice";
    private volatile List<String> roles = List.of("release-managers");
    private volatile boolean wrongNonce;
    private volatile boolean foreignSignature;

    private record Grant(String user, List<String> roles, String nonce, String challenge, String redirectUri) {}

    private OidcProviderStandIn() throws JOSEException {
        key = new RSAKeyGenerator(2048).keyID("stand-in-1").generate();
        foreignKey = new RSAKeyGenerator(2048).keyID("stand-in-1").generate();
        server = new WireMockServer(wireMockConfig().dynamicPort().extensions(new Authorize(), new Token()));
    }

    /** Starts the provider. */
    public static OidcProviderStandIn start() {
        try {
            OidcProviderStandIn p = new OidcProviderStandIn();
            p.server.start();
            p.stubs();
            return p;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The issuer (its base URL). */
    public String issuer() {
        return server.baseUrl() + "/realms/acme";
    }

    /** The JWKS URL. */
    public String jwksUrl() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    /** Who the next logins are, with which provider roles. */
    public OidcProviderStandIn loginAs(String name, String... providerRoles) {
        user = name;
        roles = List.of(providerRoles);
        return this;
    }

    /** Whether the ID token carries another nonce than the one asked for (a replayed token). */
    public OidcProviderStandIn wrongNonce(boolean value) {
        wrongNonce = value;
        return this;
    }

    /** Whether tokens are signed with a key that is not in the JWKS (a forged token). */
    public OidcProviderStandIn foreignSignature(boolean value) {
        foreignSignature = value;
        return this;
    }

    /** Token requests received (to check the client authenticated). */
    public List<LoggedRequest> tokenRequests() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(
                        "/realms/acme/protocol/openid-connect/token")));
    }

    /** Forgets the requests received so far. */
    public void resetRequests() {
        server.resetRequests();
    }

    @Override
    public void close() {
        server.stop();
    }

    private void stubs() {
        String base = issuer() + "/protocol/openid-connect";
        server.stubFor(get("/realms/acme/.well-known/openid-configuration")
                .willReturn(okJson("{\"issuer\":\"" + issuer() + "\",\"authorization_endpoint\":\"" + base
                        + "/auth\",\"token_endpoint\":\"" + base + "/token\",\"jwks_uri\":\"" + jwksUrl()
                        + "\",\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                        + "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                        + "\"code_challenge_methods_supported\":[\"S256\"]}")));
        server.stubFor(get("/realms/acme/protocol/openid-connect/certs")
                .willReturn(okJson(new JWKSet(key.toPublicJWK()).toString())));
        server.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                        "/realms/acme/protocol/openid-connect/auth"))
                .willReturn(aResponse().withTransformers("oidc-authorize")));
        server.stubFor(post("/realms/acme/protocol/openid-connect/token")
                .willReturn(aResponse().withTransformers("oidc-token")));
    }

    /** The authorization endpoint: logs the configured user in and sends the browser back with a code. */
    private final class Authorize implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            LoggedRequest r = event.getRequest();
            if (!CLIENT_ID.equals(query(r, "client_id"))
                    || !"code".equals(query(r, "response_type"))
                    || !"S256".equals(query(r, "code_challenge_method"))) {
                return error(400, "invalid_request");
            }
            String code = UUID.randomUUID().toString();
            String redirect = query(r, "redirect_uri");
            grants.put(code, new Grant(user, roles, query(r, "nonce"), query(r, "code_challenge"), redirect));
            URI back = URI.create(redirect + "?code=" + code + "&state="
                    + URLEncoder.encode(query(r, "state"), StandardCharsets.UTF_8) + "&session_state=x");
            return ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(302)
                    .withHeader("Location", back.toString())
                    .build();
        }

        @Override
        public String getName() {
            return "oidc-authorize";
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }
    }

    /** The token endpoint: checks client, code and PKCE verifier, answers signed tokens. */
    private final class Token implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            LoggedRequest r = event.getRequest();
            String basic = "Basic "
                    + Base64.getEncoder()
                            .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
            if (!basic.equals(r.getHeader("Authorization"))) {
                return error(401, "invalid_client");
            }
            Grant grant = grants.remove(form(r, "code")); // a code is good once
            if (grant == null
                    || !"authorization_code".equals(form(r, "grant_type"))
                    || !grant.redirectUri().equals(form(r, "redirect_uri"))
                    || !grant.challenge().equals(challenge(form(r, "code_verifier")))) {
                return error(400, "invalid_grant");
            }
            String nonce = wrongNonce ? "a-nonce-of-another-login" : grant.nonce();
            String id = sign(grant, nonce, CLIENT_ID);
            String access = sign(grant, null, "account");
            return ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Cache-Control", "no-store")
                    .withBody("{\"access_token\":\"" + access + "\",\"expires_in\":300,\"token_type\":\"Bearer\","
                            + "\"id_token\":\"" + id + "\",\"scope\":\"openid profile\"}")
                    .build();
        }

        @Override
        public String getName() {
            return "oidc-token";
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }
    }

    private String sign(Grant grant, String nonce, String audience) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(grant.user())
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("azp", CLIENT_ID)
                .claim("preferred_username", grant.user())
                .claim("realm_access", Map.of("roles", grant.roles()));
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        try {
            RSAKey signer = foreignSignature ? foreignKey : key;
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(signer.getKeyID())
                            .build(),
                    claims.build());
            jwt.sign(new RSASSASigner(signer));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String challenge(String verifier) {
        if (verifier == null) {
            return "";
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String query(LoggedRequest r, String name) {
        var p = r.queryParameter(name);
        return p.isPresent() ? p.firstValue() : null;
    }

    private static String form(LoggedRequest r, String name) {
        var p = r.formParameter(name);
        return p.isPresent() ? p.firstValue() : null;
    }

    private static ResponseDefinition error(int status, String error) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"" + error + "\"}")
                .build();
    }
}
