package io.releasekit.api.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.releasekit.api.TestTokens;
import io.releasekit.core.service.ServiceGuards;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Run kinds, preflight, and a run that goes on while a deferrable service is down. */
@MicronautTest(transactional = false) // the test talks to the service over HTTP, like a client
class RunKindsApiTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    EmbeddedServer server;

    @Inject
    ServiceGuards guards;

    RunsHttp http;

    @BeforeEach
    void setUp() {
        http = new RunsHttp(server.getURI());
    }

    @AfterEach
    void servicesBack() {
        guards.reset(TestProcesses.CHAT);
        guards.reset(TestProcesses.STORE);
    }

    @Test
    void listsEveryProcessDefinitionBeanWithItsParameters() {
        RunsHttp.Response r = http.get("/api/v1/run-kinds", TestTokens.READER);

        assertThat(r.status()).isEqualTo(200);
        List<Map<String, Object>> kinds = r.jsonList();
        assertThat(kinds)
                .extracting(k -> k.get("kind"))
                .contains("test.approval", "test.blocking", "test.counting", "test.deferrable", "test.echo")
                .isSorted();
        Map<String, Object> echo =
                http.get("/api/v1/run-kinds/test.echo", TestTokens.READER).json();
        assertThat(echo).containsEntry("description", "Echoes a message");
        assertThat(echo.get("parameters"))
                .asList()
                .first()
                .isEqualTo(
                        Map.of("name", "message", "type", "STRING", "required", true, "description", "what to echo"));
        assertThat(http.get("/api/v1/run-kinds/no.such-kind", TestTokens.READER).status())
                .isEqualTo(404);
    }

    @Test
    void preflightSaysGoGoDegradedOrNoGo() {
        assertThat(preflight()).containsEntry("verdict", "GO");

        guards.forceOpen(TestProcesses.CHAT);
        Map<String, Object> degraded = preflight();
        assertThat(degraded)
                .containsEntry("verdict", "GO_DEGRADED")
                .containsEntry("deferredSteps", List.of("announce"));

        guards.forceOpen(TestProcesses.STORE);
        Map<String, Object> noGo = preflight();
        assertThat(noGo)
                .containsEntry("verdict", "NO_GO")
                .containsEntry("strictServicesDown", List.of(TestProcesses.STORE));
        assertThat((String) noGo.get("description")).contains("NO-GO", TestProcesses.STORE);
    }

    @Test
    void preflightTypesQueryParametersAndValidatesThem() {
        RunsHttp.Response ok = http.get(
                "/api/v1/run-kinds/test.echo/preflight?message=hi&repeat=2&loud=true&tags=a&tags=b", TestTokens.READER);
        RunsHttp.Response wrongType =
                http.get("/api/v1/run-kinds/test.echo/preflight?message=hi&repeat=many", TestTokens.READER);
        RunsHttp.Response missing = http.get("/api/v1/run-kinds/test.echo/preflight", TestTokens.READER);
        RunsHttp.Response body = http.post(
                "/api/v1/run-kinds/test.echo/preflight",
                TestTokens.READER,
                RunsHttp.json(Map.of("parameters", Map.of("message", "hi", "tags", List.of("a")))));

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json()).containsEntry("verdict", "GO").containsEntry("kind", "test.echo");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat((String) wrongType.json().get("detail")).contains("repeat", "many");
        assertThat(missing.status()).isEqualTo(400);
        assertThat((String) missing.json().get("detail")).contains("message");
        assertThat(body.status()).isEqualTo(200);
        assertThat(http.post("/api/v1/run-kinds/nope/preflight", TestTokens.READER, "{}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aRunDefersTheStepOfADownServiceAndReplaysItWhenTheServiceIsBack() {
        guards.forceOpen(TestProcesses.CHAT);
        String id =
                (String) http.start(TestTokens.CI, "test.deferrable", Map.of()).get("id");

        Map<String, Object> degraded = http.awaitState(id, WAIT, "SUCCEEDED_DEGRADED", "FAILED", "SUCCEEDED");
        assertThat(degraded.get("state")).isEqualTo("SUCCEEDED_DEGRADED");
        assertThat(RunsHttp.steps(degraded).get("announce")).containsEntry("state", "DEFERRED");
        assertThat(SideEffects.writes(id, "publish")).hasSize(1);
        assertThat(SideEffects.writes(id, "announce")).isEmpty();

        guards.reset(TestProcesses.CHAT);

        Map<String, Object> done = http.awaitState(id, WAIT, "SUCCEEDED", "FAILED");
        assertThat(done.get("state")).isEqualTo("SUCCEEDED");
        assertThat(SideEffects.writes(id, "announce")).hasSize(1);
        assertThat(SideEffects.writes(id, "publish")).hasSize(1);
    }

    @Test
    void aRunFailsBeforeItsFirstWriteWhenAStrictServiceIsDown() {
        guards.forceOpen(TestProcesses.STORE);
        String id =
                (String) http.start(TestTokens.CI, "test.deferrable", Map.of()).get("id");

        Map<String, Object> failed = http.awaitState(id, WAIT, "FAILED", "SUCCEEDED");

        assertThat(failed.get("state")).isEqualTo("FAILED");
        assertThat((String) failed.get("reason")).contains("NO-GO", TestProcesses.STORE);
        assertThat(SideEffects.writes(id, "publish")).isEmpty();
    }

    private Map<String, Object> preflight() {
        RunsHttp.Response r = http.get("/api/v1/run-kinds/test.deferrable/preflight", TestTokens.READER);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }
}
