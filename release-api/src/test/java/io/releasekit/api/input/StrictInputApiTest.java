package io.releasekit.api.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.releasekit.api.TestTokens;
import io.releasekit.api.git.GitApiFixture;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Strict input, case by case: each mistake is a 400 problem naming the member and the value, and writes nothing. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictInputApiTest implements TestPropertyProvider {

    static final String CONFIGURED_SECRET = "cfg-Jwt-Secret-For-The-Redaction-Test-0123456789";

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    GitApiFixture git;

    @Inject
    EmbeddedServer server;

    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        git = new GitApiFixture();
        Map<String, String> p = new LinkedHashMap<>(git.properties());
        // read only in JWT mode (off here): a configured secret the redactor must know all the same
        p.put("releasekit.security.jwt.secret", CONFIGURED_SECRET);
        return p;
    }

    @AfterAll
    void cleanUp() throws Exception {
        git.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"True\"", "\"true\"", "\"yes\"", "\"1\"", "\"\"", "0", "1", "null", "[true]", "{}"})
    void aDryRunThatIsNotAJsonBooleanStartsNoRunAndCreatesNoTag(String dryRun) throws Exception {
        long runs = runCount();
        String refs = refs();

        HttpResponse<String> run = post(
                "/api/v1/runs",
                "{\"kind\":\"artifacts.publish\",\"parameters\":{\"sourceStore\":\"a\",\"sourcePrefix\":\"r/\","
                        + "\"destinationStore\":\"b\",\"destinationPrefix\":\"o/\"},\"dryRun\":" + dryRun + "}");
        HttpResponse<String> tag = post(
                "/api/v1/repositories/local/tags",
                "{\"tag\":\"v9.9.9\",\"target\":\"main\",\"dryRun\":" + dryRun + "}");

        for (HttpResponse<String> r : List.of(run, tag)) {
            assertProblem(r, 400, "'dryRun'");
            assertThat(r.body()).contains(dryRun.equals("null") ? "null" : "must be true or false");
        }
        assertThat(runCount()).isEqualTo(runs);
        assertThat(refs()).isEqualTo(refs).doesNotContain("v9.9.9");
    }

    @Test
    void checksTheInputWhateverSpellingOfThePathReachesTheOperation() throws Exception {
        String refs = refs();
        for (String path : List.of(
                "/api/v1/repositories/local/tags/",
                "//api/v1/repositories/local/tags",
                "/api/v1//repositories/local/tags",
                "/api/v1/repositories/local/tags;x=y",
                "/api/v1/repositories/local/./tags")) {
            HttpResponse<String> r = post(path, "{\"tag\":\"v9.9.8\",\"target\":\"main\",\"dryRun\":\"yes\"}");
            assertThat(r.statusCode()).as(path + " " + r.body()).isIn(400, 404);
        }
        assertThat(refs()).isEqualTo(refs).doesNotContain("v9.9.8");
    }

    @Test
    void refusesBodiesThatAreNotExactlyOneJsonDocument() {
        String tag = "{\"tag\":\"v9.9.9\",\"target\":\"main\",\"dryRun\":true}";
        assertProblem(post("/api/v1/repositories/local/tags", tag + " x"), 400, "more after its JSON document");
        assertProblem(post("/api/v1/repositories/local/tags", tag + tag), 400, "more after its JSON document");
        assertProblem(
                send("POST", "/api/v1/repositories/local/tags", ("\uFEFF" + tag).getBytes(StandardCharsets.UTF_8)),
                400,
                "byte order mark");
        assertProblem(
                post("/api/v1/repositories/local/tags", "{\"tag\":\"v1\",\"tag\":\"v2\",\"target\":\"main\"}"),
                400,
                "member 'tag' appears twice");
        assertProblem(
                post("/api/v1/repositories/local/tags", "{\"tag\":\"v1\",\"target\":\"main\",\"dryrun\":true}"),
                400,
                "unknown member 'dryrun'; accepted: [dryRun, message, tag, target]");
    }

    @Test
    void namesTheMemberOfANullListElementAndAnUnknownEnumValueWithoutJavaClassNames() {
        HttpResponse<String> sync = post(
                "/api/v1/repositories/charts/branches/sync",
                "{\"source\":\"main\",\"targets\":[\"development\",null]}");
        assertProblem(sync, 400, "'targets[1]' is null");

        HttpResponse<String> gate =
                post("/api/v1/artifacts/gates", "{\"build\":\"b1\",\"stage\":\"alpha\",\"status\":\"passed\"}");
        assertProblem(gate, 400, "'status' must be one of [PASSED, FAILED], was string");
        assertThat(gate.body()).doesNotContain("io.releasekit", "GateRequest", "$");

        HttpResponse<String> notes =
                post("/api/v1/github/repositories/demo/release-notes", "{\"from\":\"v1\",\"excludeAuthors\":[null]}");
        assertProblem(notes, 400, "'excludeAuthors[0]' is null");
    }

    @Test
    void refusesRequiredMembersGivenAsNullOrLeftOut() {
        assertProblem(post("/api/v1/repositories/local/tags", "{\"tag\":null,\"target\":\"main\"}"), 400, "'tag'");
        assertProblem(post("/api/v1/repositories/local/tags", "{\"target\":\"main\"}"), 400, "'tag' is required");
    }

    @Test
    void refusesBooleanQueryValuesOtherThanTrueAndFalse() {
        for (String v : List.of("True", "yes", "1", "", "0")) {
            HttpResponse<String> r =
                    send("POST", "/api/v1/github/repositories/demo/releases/v1/publish?dryRun=" + v, null);
            assertProblem(r, 400, "query parameter 'dryRun' must be true or false, was '" + v + "'");
        }
    }

    @Test
    void validatesRunParametersBeforeTheRunIsStored() throws Exception {
        long runs = runCount();

        HttpResponse<String> r = post(
                "/api/v1/runs",
                "{\"kind\":\"artifacts.publish\",\"parameters\":{\"sourceStore\":\"local\",\"sourcePrefix\":\"r/\","
                        + "\"destinationStore\":\"local\",\"destinationPrefix\":\"o/\",\"manifest\":\"../SHA256SUMS\"}}");

        assertProblem(r, 400, "parameter 'manifest' is not a manifest name");
        assertThat(runCount()).isEqualTo(runs);
    }

    @Test
    void problemDetailsMaskConfiguredSecretsAndTokens() {
        HttpResponse<String> r = send("GET", "/api/v1/versions/" + CONFIGURED_SECRET, null);

        assertThat(r.statusCode()).isEqualTo(400);
        // neither the detail nor the instance (the request path) repeats it
        assertThat(r.body()).doesNotContain(CONFIGURED_SECRET).contains("***");

        HttpResponse<String> token = send("GET", "/api/v1/versions/rk_abcdefghijklmnopqrstuvwxyz", null);
        assertThat(token.body()).doesNotContain("rk_abcdefghijklmnopqrstuvwxyz");
    }

    private void assertProblem(HttpResponse<String> r, int status, String detail) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.body()).contains(detail).doesNotContainPattern("\\bio\\.releasekit\\.|java\\.lang\\.");
    }

    private HttpResponse<String> post(String path, String json) {
        return send("POST", path, json.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String method, String path, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TestTokens.ADMIN);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long runCount() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM runs")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The refs of the local repository, read with the git CLI. */
    private String refs() throws Exception {
        Process p = new ProcessBuilder(
                        "git", "-C", git.localDir().toString(), "for-each-ref", "--format=%(objectname) %(refname)")
                .redirectErrorStream(true)
                .start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor()).isZero();
        return out;
    }
}
