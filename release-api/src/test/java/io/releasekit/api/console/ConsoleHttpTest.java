package io.releasekit.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.releasekit.api.TestTokens;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The console over plain HTTP: the entrance, the session cookie, CSRF, the API's roles, the live event stream. */
@MicronautTest(transactional = false)
class ConsoleHttpTest {

    @Inject
    EmbeddedServer server;

    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void theRootAndAnyConsolePageLeadAnAnonymousBrowserToTheLoginPage() throws Exception {
        HttpResponse<String> root = get("/", null);
        HttpResponse<String> runs = get("/console/runs/x", null);
        HttpResponse<String> login = get("/console/login", null);
        HttpResponse<String> api = get("/api/v1/runs", null, "application/json");

        assertThat(root.statusCode()).isEqualTo(303);
        assertThat(root.headers().firstValue("Location")).hasValue("/console");
        assertThat(get("/console", null).headers().firstValue("Location")).hasValue("/console/login");
        assertThat(runs.statusCode()).isEqualTo(303);
        assertThat(runs.headers().firstValue("Location")).hasValue("/console/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<form method=\"post\" action=\"/console/login\">");
        assertThat(api.statusCode()).as("the API still answers 401").isEqualTo(401);
        assertThat(get("/console/webjars/htmx.org/2.0.4/dist/htmx.min.js", null).statusCode())
                .isEqualTo(200);
        assertThat(get("/console/webjars/htmx-ext-sse/2.2.2/sse.js", null).statusCode())
                .isEqualTo(200);
        assertThat(get("/console/static/console.css", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenLoginSetsAnHttpOnlySameSiteStrictCookieScopedToTheConsoleAndABadOneIsRefused() throws Exception {
        HttpResponse<String> good = login(TestTokens.READER);
        HttpResponse<String> bad = login("rk_not_a_token");

        assertThat(good.statusCode()).isEqualTo(303);
        String cookie = good.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie)
                .startsWith(ConsoleSession.COOKIE + "=" + TestTokens.READER)
                .contains("HTTPOnly", "SameSite=Strict", "Path=/console");
        assertThat(bad.headers().firstValue("Location")).hasValue("/console/login?error=invalid");
        assertThat(bad.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(get("/console", session(TestTokens.READER)).body()).contains(TestTokens.READER_NAME);
        assertThat(get("/api/v1/runs", session(TestTokens.READER), "application/json")
                        .statusCode())
                .as("the session cookie never authenticates an API call")
                .isEqualTo(401);
    }

    @Test
    void formsWithoutTheSessionsCsrfTokenAreRefused() throws Exception {
        String cookie = session(TestTokens.CI);

        HttpResponse<String> none = post("/console/start", cookie, Map.of("kind", "test.counting", "action", "start"));
        HttpResponse<String> other = post(
                "/console/start",
                cookie,
                Map.of("kind", "test.counting", "action", "start", "_csrf", ConsoleSession.csrf(TestTokens.ADMIN)));
        HttpResponse<String> good = post(
                "/console/start",
                cookie,
                Map.of("kind", "test.counting", "action", "dry-run", "_csrf", ConsoleSession.csrf(TestTokens.CI)));

        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(good.statusCode()).isEqualTo(303);
        assertThat(good.headers().firstValue("Location").orElseThrow())
                .matches("/console/runs/[0-9a-f-]{36}\\?notice=.*");
    }

    @Test
    void theConsoleEnforcesTheApisRoles() throws Exception {
        String reader = session(TestTokens.READER);
        String ci = session(TestTokens.CI);
        Map<String, String> readerForm = Map.of("_csrf", ConsoleSession.csrf(TestTokens.READER));
        Map<String, String> ciForm = Map.of("_csrf", ConsoleSession.csrf(TestTokens.CI), "service", "github");

        assertThat(post(
                                "/console/start",
                                reader,
                                Map.of("kind", "test.counting", "_csrf", ConsoleSession.csrf(TestTokens.READER)))
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("/console/runs/any/approve", reader, readerForm).statusCode())
                .isEqualTo(403);
        assertThat(post("/console/runs/any/approve", ci, ciForm).statusCode()).isEqualTo(403);
        assertThat(post("/console/runs/any/reject", ci, ciForm).statusCode()).isEqualTo(403);
        assertThat(post("/console/services/force-open", ci, ciForm).statusCode())
                .isEqualTo(403);
        assertThat(get("/console/approvals", reader).statusCode()).isEqualTo(200);
        assertThat(get("/console/approvals", reader).body()).doesNotContain("class=\"approve\"");
    }

    @Test
    void theRunPagesEventStreamCarriesTheProgressBarAsHtmlAndEndsWithTheRun() throws Exception {
        String cookie = session(TestTokens.CI);
        HttpResponse<String> started = post(
                "/console/start",
                cookie,
                Map.of(
                        "kind", "test.echo",
                        "action", "start",
                        "p.message", "hi",
                        "p.repeat", "4",
                        "_csrf", ConsoleSession.csrf(TestTokens.CI)));
        String runPath = started.headers().firstValue("Location").orElseThrow().replaceAll("\\?.*", "");

        HttpResponse<InputStream> events = http.send(
                HttpRequest.newBuilder(server.getURI().resolve(runPath + "/events"))
                        .header("Cookie", cookie)
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        String body;
        try (InputStream in = events.body()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8); // the stream ends with the run
        }

        assertThat(events.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        assertThat(body)
                .contains("event: progress")
                .contains("<progress id=\"step-progress\" max=\"4\" value=\"4\"></progress>"
                        + "<span class=\"progress-text\">progress: 4 / 4 objects, 40 B</span>")
                .contains("event: changed")
                .endsWith("event: done\ndata: ended\n\n");
        HttpResponse<String> page = get(runPath, cookie);
        assertThat(page.body())
                .contains("SUCCEEDED", "<svg id=\"timeline\"", "message")
                .doesNotContain("sse-connect");
    }

    @Test
    void consolePagesAreNotApiOperations() throws IOException {
        try (InputStream spec = getClass().getResourceAsStream("/META-INF/swagger/releasekit-0.1.yml")) {
            String yaml = new String(spec.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(yaml).doesNotContain("/console");
        }
    }

    private HttpResponse<String> login(String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(server.getURI().resolve("/console/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The Cookie header of a session logged in with {@code token}, taken from the login answer. */
    private String session(String token) throws Exception {
        String setCookie = login(token).headers().firstValue("Set-Cookie").orElseThrow();
        Matcher m = Pattern.compile("^([^;]+)").matcher(setCookie);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        return get(path, cookie, "text/html");
    }

    private HttpResponse<String> get(String path, String cookie, String accept) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(server.getURI().resolve(path)).header("Accept", accept);
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String cookie, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(
                HttpRequest.newBuilder(server.getURI().resolve(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookie)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
