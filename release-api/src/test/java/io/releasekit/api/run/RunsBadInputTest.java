package io.releasekit.api.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.releasekit.api.TestTokens;
import io.releasekit.core.run.RunQuery;
import io.releasekit.core.run.RunStore;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad request to the runs API is a 4xx problem naming what is wrong, and stores nothing. */
@MicronautTest(transactional = false) // the test talks to the service over HTTP, like a client
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunsBadInputTest {

    private static final String RUNS = "/api/v1/runs";

    @Inject
    EmbeddedServer server;

    @Inject
    RunStore store;

    RunsHttp http;
    String waitingRun;

    @BeforeAll
    void setUp() {
        http = new RunsHttp(server.getURI());
        waitingRun =
                (String) http.start(TestTokens.CI, "test.approval", Map.of()).get("id");
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad(
                        "unknown kind",
                        RUNS,
                        TestTokens.CI,
                        "{\"kind\":\"no.such-kind\"}",
                        400,
                        "invalid-input",
                        "no.such-kind"),
                bad("missing kind", RUNS, TestTokens.CI, "{\"parameters\":{}}", 400, "invalid-input", "kind"),
                bad("blank kind", RUNS, TestTokens.CI, "{\"kind\":\" \"}", 400, "invalid-input", "kind"),
                bad(
                        "missing required parameter",
                        RUNS,
                        TestTokens.CI,
                        "{\"kind\":\"test.echo\",\"parameters\":{}}",
                        400,
                        "invalid-input",
                        "message"),
                bad(
                        "string where an integer is expected",
                        RUNS,
                        TestTokens.CI,
                        "{\"kind\":\"test.echo\",\"parameters\":{\"message\":\"m\",\"repeat\":\"three\"}}",
                        400,
                        "invalid-input",
                        "repeat"),
                bad(
                        "fraction where an integer is expected",
                        RUNS,
                        TestTokens.CI,
                        "{\"kind\":\"test.echo\",\"parameters\":{\"message\":\"m\",\"repeat\":1.5}}",
                        400,
                        "invalid-input",
                        "repeat"),
                bad(
                        "number where a string is expected",
                        RUNS,
                        TestTokens.CI,
                        "{\"kind\":\"test.echo\",\"parameters\":{\"message\":42}}",
                        400,
                        "invalid-input",
                        "message"),
                bad(
                        "object where a list is expected",
                        RUNS,
                        TestTokens.CI,
                        "{\"kind\":\"test.echo\",\"parameters\":{\"message\":\"m\",\"tags\":{\"a\":1}}}",
                        400,
                        "invalid-input",
                        "tags"),
                bad(
                        "unknown parameter",
                        RUNS,
                        TestTokens.CI,
                        "{\"kind\":\"test.echo\",\"parameters\":{\"message\":\"m\",\"colour\":\"red\"}}",
                        400,
                        "invalid-input",
                        "colour"),
                bad(
                        "dryRun not a boolean",
                        RUNS,
                        TestTokens.CI,
                        "{\"kind\":\"test.counting\",\"dryRun\":\"yes\"}",
                        400,
                        "invalid-input",
                        null),
                bad("malformed JSON", RUNS, TestTokens.CI, "{\"kind\":\"test.counting\",", 400, "invalid-input", null),
                bad("body is not an object", RUNS, TestTokens.CI, "[1,2]", 400, "invalid-input", null),
                bad(
                        "reader may not start runs",
                        RUNS,
                        TestTokens.READER,
                        "{\"kind\":\"test.counting\"}",
                        403,
                        "forbidden",
                        null),
                bad("no token", RUNS, null, "{\"kind\":\"test.counting\"}", 401, "unauthorized", null),
                bad("ci may not approve", RUNS + "/{waiting}/approvals", TestTokens.CI, "{}", 403, "forbidden", null),
                bad(
                        "approving an unknown run",
                        RUNS + "/no-such-run/approvals",
                        TestTokens.RELEASE_MANAGER_1,
                        "{}",
                        404,
                        "not-found",
                        "no-such-run"),
                bad(
                        "cancelling an unknown run",
                        RUNS + "/no-such-run/cancel",
                        TestTokens.CI,
                        "",
                        404,
                        "not-found",
                        "no-such-run"),
                bad(
                        "oversized comment",
                        RUNS + "/{waiting}/approvals",
                        TestTokens.RELEASE_MANAGER_1,
                        "{\"comment\":\"" + "x".repeat(2001) + "\"}",
                        400,
                        "invalid-input",
                        "comment"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void refusesWithAProblemAndStoresNothing(
            String name, String path, String token, String body, int status, String type, String detailNames) {
        int before = count();

        RunsHttp.Response r = http.post(path.replace("{waiting}", waitingRun), token, body);

        assertProblem(r, status, type, detailNames);
        assertThat(count()).isEqualTo(before);
        assertThat(http.get(RUNS + "/" + waitingRun, TestTokens.READER).json())
                .containsEntry("state", "AWAITING_APPROVAL")
                .containsEntry("approvals", java.util.List.of());
    }

    static Stream<Arguments> badReads() {
        return Stream.of(
                Arguments.of("unknown run", RUNS + "/no-such-run", 404, "not-found", "no-such-run"),
                Arguments.of("unknown state", RUNS + "?state=DONE", 400, "invalid-input", "DONE"),
                Arguments.of("limit too high", RUNS + "?limit=5000", 400, "invalid-input", "5000"),
                Arguments.of("limit zero", RUNS + "?limit=0", 400, "invalid-input", "limit"),
                Arguments.of("limit not a number", RUNS + "?limit=ten", 400, "invalid-input", null),
                Arguments.of("unknown kind", "/api/v1/run-kinds/no.such-kind", 404, "not-found", "no.such-kind"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badReads")
    void refusesBadReadsWithAProblem(String name, String path, int status, String type, String detailNames) {
        assertProblem(http.get(path, TestTokens.READER), status, type, detailNames);
    }

    @org.junit.jupiter.api.Test
    void refusesATwoMegabyteBodyWith413AndStoresNothing() {
        int before = count();
        String huge = "{\"kind\":\"test.echo\",\"parameters\":{\"message\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}}";

        RunsHttp.Response r = http.post(RUNS, TestTokens.CI, huge);

        assertProblem(r, 413, "payload-too-large", null);
        assertThat(count()).isEqualTo(before);
    }

    @org.junit.jupiter.api.Test
    void refusesAnInvalidIdempotencyKeyAndAnotherMediaType() {
        int before = count();

        RunsHttp.Response badKey =
                http.post(RUNS, TestTokens.CI, "{\"kind\":\"test.counting\"}", "Idempotency-Key", "x".repeat(300));
        RunsHttp.Response text = http.post(RUNS, TestTokens.CI, "kind=test.counting", "Content-Type", "text/plain");

        assertProblem(badKey, 400, "invalid-input", "idempotency key");
        assertProblem(text, 415, "unsupported-media-type", null);
        assertThat(count()).isEqualTo(before);
    }

    private static void assertProblem(RunsHttp.Response r, int status, String type, String detailNames) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        Map<String, Object> problem = r.json();
        assertThat(problem)
                .containsEntry("type", "https://releasekit.io/problems/" + type)
                .containsEntry("status", status);
        if (detailNames != null) {
            assertThat((String) problem.get("detail")).contains(detailNames);
        }
    }

    private int count() {
        return store.list(new RunQuery(Optional.empty(), Optional.empty(), 1000))
                .size();
    }

    private static Arguments bad(
            String name, String path, String token, String body, int status, String type, String detailNames) {
        return Arguments.of(name, path, token, body, status, type, detailNames);
    }
}
