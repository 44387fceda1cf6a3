package io.releasekit.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.releasekit.api.testkit.Browser;
import io.releasekit.api.testkit.OidcProviderStandIn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's login at an identity provider, in a real browser (Debian's headless Chromium) against an OpenID
 * Connect provider stand-in (WireMock: discovery, JWKS, authorization and token endpoints, RS256-signed tokens with
 * Keycloak's {@code realm_access.roles}): the authorization-code login with PKCE lands in the same HttpOnly,
 * SameSite=Strict session cookie as a pasted token, and the roles are those the API maps from the token's claims — a
 * provider "release-managers" member may start runs, a "viewers" member only reads. A replayed nonce or a token signed
 * by a key outside the JWKS logs nobody in.
 */
class ConsoleOidcBrowserTest {

    static OidcProviderStandIn idp;
    static EmbeddedServer server;

    @TempDir
    Path profile;

    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeAll
    static void start(@TempDir Path data) {
        idp = OidcProviderStandIn.start();
        Map<String, Object> p = new HashMap<>();
        p.put("releasekit.data-dir", data.toString());
        p.put("releasekit.security.jwt.enabled", true);
        p.put("releasekit.security.jwt.jwks-url", idp.jwksUrl());
        p.put("releasekit.security.jwt.roles-claim", "realm_access.roles");
        p.put("releasekit.security.jwt.role-map.release-managers", "release-manager");
        p.put("releasekit.security.jwt.role-map.viewers", "reader");
        p.put("micronaut.security.token.jwt.claims-validators.issuer", idp.issuer());
        p.put("releasekit.console.oidc.issuer", idp.issuer());
        p.put("releasekit.console.oidc.client-id", OidcProviderStandIn.CLIENT_ID);
        p.put("releasekit.console.oidc.client-secret", OidcProviderStandIn.CLIENT_SECRET);
        p.put("releasekit.console.oidc.provider-name", "Acme Keycloak");
        server = ApplicationContext.run(EmbeddedServer.class, p, "test");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        idp.close();
    }

    @BeforeEach
    void open() {
        idp.loginAs("alice", "release-managers").wrongNonce(false).foreignSignature(false);
        idp.resetRequests();
        browser = Browser.start(profile);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aReleaseManagerLogsInAtTheIdentityProviderAndMayStartRuns() {
        logInAtProvider();

        assertThat(text(By.id("user"))).isEqualTo("alice");
        Cookie session = browser.manage().getCookieNamed("releasekit_session");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.getPath()).isEqualTo("/console");
        assertThat(browser.manage().getCookieNamed(ConsoleOidc.TRANSACTION)).isNull();
        browser.get(url("/console/start?kind=test.counting"));
        assertThat(browser.findElements(By.id("start"))).hasSize(1);
        assertThat(idp.tokenRequests()).hasSize(1);
    }

    @Test
    void aViewerAtTheProviderIsAReaderInTheConsole() {
        idp.loginAs("victor", "viewers", "offline_access");

        logInAtProvider();

        assertThat(text(By.id("user"))).isEqualTo("victor");
        browser.get(url("/console/start?kind=test.counting"));
        assertThat(text(By.id("start-form"))).contains("may read this form but not start runs");
        assertThat(browser.findElements(By.id("start"))).isEmpty();
    }

    @Test
    void aTokenForAnotherLoginOrSignedByAnUnknownKeyLogsNobodyIn() {
        idp.wrongNonce(true);
        logInAtProvider();
        assertThat(text(By.cssSelector(".error"))).contains("did not succeed");
        assertThat(browser.manage().getCookieNamed("releasekit_session")).isNull();

        idp.wrongNonce(false).foreignSignature(true);
        logInAtProvider();
        assertThat(text(By.cssSelector(".error"))).contains("did not succeed");
        assertThat(browser.manage().getCookieNamed("releasekit_session")).isNull();
    }

    @Test
    void aCallbackWithoutTheBrowsersLoginIsRefused() throws Exception {
        HttpResponse<String> forged = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url("/console/login/oidc/callback?code=abc&state=xyz")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(forged.statusCode()).isEqualTo(303);
        assertThat(forged.headers().firstValue("Location")).hasValue("/console/login?error=oidc");
        assertThat(forged.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("releasekit_session="));
        assertThat(idp.tokenRequests()).isEmpty();
    }

    private void logInAtProvider() {
        browser.get(url("/console/login"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("login-oidc"))).click();
        wait.until(ExpectedConditions.or(
                ExpectedConditions.urlContains("error=oidc"),
                ExpectedConditions.presenceOfElementLocated(By.id("user"))));
    }

    private String text(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by)).getText();
    }

    private String url(String path) {
        return server.getURI().resolve(path).toString();
    }
}
