package io.releasekit.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.releasekit.core.NotPermittedException;
import io.releasekit.core.image.BlobTransfer;
import io.releasekit.core.image.CopyImageCommand;
import io.releasekit.core.image.CopyImageReport;
import io.releasekit.core.image.ImageRegistries;
import io.releasekit.core.image.ImageRegistry;
import io.releasekit.core.redact.Secret;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.registry.testkit.RegistryContainer;
import io.releasekit.registry.testkit.TestImages;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The bearer-token flow against a real registry: Debian's docker-registry with token auth (its own key pair, made at
 * image build) answers Bearer challenges; WireMock plays the token server, handing out a JWT the test signed with the
 * registry's key for the robot's Basic credentials.
 */
class TokenAuthRegistryTest {

    private static final String IMAGE = "releasekit/docker-registry-token-test:2.8";
    private static WireMockServer tokens;
    private static GenericContainer<?> registry;

    @BeforeAll
    static void start() throws Exception {
        RegistryContainer.requireDocker();
        tokens = new WireMockServer(wireMockConfig().dynamicPort());
        tokens.start();
        registry = new GenericContainer<>(new ImageFromDockerfile(IMAGE, false)
                        .withFileFromClasspath("Dockerfile", "docker/registry-token/Dockerfile")
                        .withFileFromClasspath("config.yml", "docker/registry-token/config.yml"))
                .withEnv("REGISTRY_AUTH_TOKEN_REALM", tokens.baseUrl() + "/token")
                .withExposedPorts(5000)
                .withImagePullPolicy(name -> false)
                .waitingFor(Wait.forHttp("/v2/").forStatusCode(401).withStartupTimeout(Duration.ofSeconds(60)));
        registry.start();
        String key = registry.copyFileFromContainer(
                "/etc/docker/registry/token.key", in -> new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        String cert = registry.copyFileFromContainer(
                "/etc/docker/registry/token.crt", in -> new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        String jwt = jwt(key, cert);
        tokens.stubFor(get(urlPathEqualTo("/token"))
                .withBasicAuth("tok+ci", "robot-token-123")
                .willReturn(okJson("{\"token\":\"" + jwt + "\",\"expires_in\":3600}")));
        tokens.stubFor(get(urlPathEqualTo("/token"))
                .atPriority(10)
                .willReturn(aResponse().withStatus(401).withBody("{\"details\":\"invalid username/password\"}")));
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.stop();
        }
        if (tokens != null) {
            tokens.stop();
        }
    }

    private static URI uri() {
        return URI.create("http://localhost:" + registry.getMappedPort(5000));
    }

    @Test
    void pushesResolvesAndPromotesWithTokensFromTheChallenge() {
        try (ServiceGuards guards = ServiceGuards.withDefaults()) {
            ImageRegistry r = ImageRegistries.of(
                            Map.of(
                                    "tok",
                                    OciImageRegistry.builder("tok", uri())
                                            .credentials(RegistryCredentials.basic(
                                                    "tok+ci", Secret.of("robot-token-123", "t")))
                                            .build()),
                            guards)
                    .get("tok");

            TestImages.Pushed p = TestImages.push(r, "tok/app", "build-1", 2, 2000, 81, Instant.now(), Map.of());
            CopyImageReport copy = CopyImageCommand.copy(r, "tok/app", p.digest())
                    .to(r, "tok/prod")
                    .tags("1.0.0")
                    .call();

            assertThat(r.listTags("tok/prod")).containsExactly("1.0.0");
            assertThat(r.resolve("tok/prod", "1.0.0")).contains(p.digest());
            assertThat(copy.count(BlobTransfer.How.MOUNTED)).isEqualTo(3);
            tokens.verify(getRequestedFor(urlPathEqualTo("/token"))
                    .withQueryParam(
                            "service", com.github.tomakehurst.wiremock.client.WireMock.equalTo("releasekit-test"))
                    .withQueryParam(
                            "scope",
                            com.github.tomakehurst.wiremock.client.WireMock.equalTo("repository:tok/app:pull")));
        }
    }

    @Test
    void aWrongRobotTokenIsNotPermitted() {
        OciImageRegistry r = OciImageRegistry.builder("tok", uri())
                .credentials(RegistryCredentials.basic("tok+ci", Secret.of("wrong-secret-000", "t")))
                .build();

        assertThatThrownBy(() -> r.listTags("tok/app"))
                .isInstanceOf(NotPermittedException.class)
                .hasMessageContaining("invalid username/password")
                .hasMessageNotContaining("wrong-secret-000");
    }

    /** An ES256 JWT as distribution's token auth reads it: x5c with the registry's certificate, an access list. */
    private static String jwt(String keyPem, String certPem) throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(keyPem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        byte[] cert = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certPem.getBytes(StandardCharsets.US_ASCII)))
                .getEncoded();
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"x5c\":[\""
                + Base64.getEncoder().encodeToString(cert) + "\"]}";
        String access = "[" + String.join(",", access("tok/app"), access("tok/prod")) + "]";
        String claims = "{\"iss\":\"releasekit-test-issuer\",\"sub\":\"tok+ci\",\"aud\":\"releasekit-test\",\"exp\":"
                + (now + 3600) + ",\"nbf\":" + (now - 60) + ",\"iat\":" + now + ",\"jti\":\"rk-1\",\"access\":"
                + access + "}";
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String signingInput = url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initSign(key);
        s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + url.encodeToString(s.sign());
    }

    private static String access(String repo) {
        return "{\"type\":\"repository\",\"name\":\"" + repo + "\",\"actions\":[\"pull\",\"push\",\"delete\"]}";
    }
}
