package io.releasekit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.releasekit.api.security.TokenHash;
import io.releasekit.client.api.RunsApi;
import io.releasekit.client.api.SecurityApi;
import io.releasekit.client.api.ServicesApi;
import io.releasekit.client.api.VersionsApi;
import io.releasekit.client.invoker.ApiClient;
import io.releasekit.client.invoker.ApiException;
import io.releasekit.client.model.Bump;
import io.releasekit.client.model.NextVersionRequest;
import io.releasekit.client.model.NextVersionResponse;
import io.releasekit.client.model.PolicyEvent;
import io.releasekit.client.model.PolicyRequest;
import io.releasekit.client.model.PolicyResponse;
import io.releasekit.client.model.PreflightRequest;
import io.releasekit.client.model.PreflightResultVerdict;
import io.releasekit.client.model.Run;
import io.releasekit.client.model.RunKind;
import io.releasekit.client.model.RunState;
import io.releasekit.client.model.RunStep;
import io.releasekit.client.model.StartRunRequest;
import io.releasekit.client.model.StepState;
import io.releasekit.client.model.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A portal's view: the client generated from {@code releasekit-0.1.yml} calls the running service with a bearer
 * token. The service runs on its embedded defaults (H2 file in a temporary data directory) with two tokens and one
 * test process kind ({@link GreetingProcess}).
 */
class GeneratedClientTest {

    private static final String CI_TOKEN = "rk_client_test_ci_token";
    private static final String READER_TOKEN = "rk_client_test_reader_token";

    @TempDir
    static Path dataDir;

    private static EmbeddedServer server;

    @BeforeAll
    static void startService() {
        server = ApplicationContext.builder()
                .properties(Map.of(
                        "micronaut.server.port",
                        -1,
                        "releasekit.data-dir",
                        dataDir.toString(),
                        "releasekit.security.tokens[0].name",
                        "portal",
                        "releasekit.security.tokens[0].sha256",
                        TokenHash.sha256Hex(CI_TOKEN),
                        "releasekit.security.tokens[0].roles",
                        "ci",
                        "releasekit.security.tokens[1].name",
                        "dashboard",
                        "releasekit.security.tokens[1].sha256",
                        TokenHash.sha256Hex(READER_TOKEN),
                        "releasekit.security.tokens[1].roles",
                        "reader"))
                .singletons(new GreetingProcess())
                .start()
                .getBean(EmbeddedServer.class)
                .start();
    }

    @AfterAll
    static void stopService() {
        if (server != null) {
            server.close();
        }
    }

    /** A client of the service sending a token, as a portal would configure it. */
    static ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(server.getURI().toString());
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    /**
     * The TypeScript client (typescript-fetch, compiled by the build with tsc in strict mode) driven by
     * src/test/typescript/exercise.ts: a version, a dry run with typed parameters followed to its end, two problems read
     * as typed errors. Node is required: without it this test fails, it never skips.
     */
    @Test
    void typeScriptClientStartsAndFollowsADryRunAndReadsProblems() throws Exception {
        Path script = Path.of("target/ts/src/test/typescript/exercise.js");
        assertThat(script).as("compiled by the build (tsc-strict execution)").exists();
        Path log = dataDir.resolve("typescript-client.log");
        Process node = new ProcessBuilder(
                        "node", script.toString(), server.getURI().toString(), CI_TOKEN)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();

        boolean ended = node.waitFor(2, TimeUnit.MINUTES);
        if (!ended) {
            node.destroyForcibly();
        }
        String output = Files.readString(log);

        assertThat(ended).as("node ended within 2 minutes: %s", output).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("dry run ", " SUCCEEDED, planned: greet portal")
                .contains("problem: https://releasekit.io/problems/not-found 404")
                .contains("problem: https://releasekit.io/problems/invalid-input 400")
                .contains("typescript client: ok");
    }

    @Test
    void computesTheNextReleaseWithTheGeneratedClient() throws ApiException {
        NextVersionRequest request = new NextVersionRequest()
                .tags(List.of("release-0.1.0", "release-0.1.1", "v9.0.0"))
                .prefix("release-")
                .bump(Bump.PATCH);

        NextVersionResponse next = new VersionsApi(client(CI_TOKEN)).nextVersion(request);

        assertThat(next.getPreviousTag()).isEqualTo("release-0.1.1");
        assertThat(next.getTag()).isEqualTo("release-0.1.2");
    }

    @Test
    void appliesTheVersionPolicyAndParsesAVersion() throws ApiException {
        VersionsApi versions = new VersionsApi(client(CI_TOKEN));

        PolicyResponse policy = versions.applyVersionPolicy(new PolicyRequest()
                .current("2.1.0")
                .event(PolicyEvent.BRANCH_CUT)
                .branchPrefix("aether-"));
        Version parsed = versions.parseVersion("1.2.3-rc.1");

        assertThat(policy.getTo()).isEqualTo("2.2.0-dev");
        assertThat(policy.getBranch()).isEqualTo("aether-2.1");
        assertThat(parsed.getMajor()).isEqualTo(1);
        assertThat(parsed.getPreRelease()).isEqualTo("rc.1");
    }

    @Test
    void readsServicesAndTheCallerWithAReaderToken() throws ApiException {
        ApiClient reader = client(READER_TOKEN);

        assertThat(new ServicesApi(reader).listServices()).isNotNull();
        assertThat(new SecurityApi(reader).getCaller().getName()).isEqualTo("dashboard");
        assertThat(new SecurityApi(reader).getCaller().getRoles()).containsExactly("reader");
    }

    @Test
    void startsARunAndFollowsItToTheEndWithTheGeneratedClient() throws ApiException {
        RunsApi runs = new RunsApi(client(CI_TOKEN));
        assertThat(runs.listRunKinds()).extracting(RunKind::getKind).contains("client.greet");
        assertThat(runs.preflightRunKindWithParameters(
                                "client.greet", new PreflightRequest().parameters(Map.of("name", "x")))
                        .getVerdict())
                .isEqualTo(PreflightResultVerdict.GO);

        Run started = runs.startRun(
                new StartRunRequest().kind("client.greet").parameters(Map.of("name", "portal")), "portal-req-1");
        assertThat(started.getState()).isIn(RunState.QUEUED, RunState.RUNNING);
        assertThat(started.getRequestedBy()).isEqualTo("portal");

        RunsApi reader = new RunsApi(client(READER_TOKEN));
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> reader.getRun(started.getId()).getState(),
                        s -> s == RunState.SUCCEEDED || s == RunState.FAILED);
        Run done = reader.getRun(started.getId());

        assertThat(done.getState()).isEqualTo(RunState.SUCCEEDED);
        assertThat(done.getSteps())
                .extracting(RunStep::getName, RunStep::getState)
                .containsExactly(tuple("check", StepState.SUCCEEDED), tuple("greet", StepState.SUCCEEDED));
        assertThat(done.getSteps().get(1).getOutputs()).containsEntry("greeting", "Hello, portal");
        assertThat(GreetingProcess.GREETED).containsEntry(started.getId(), "Hello, portal");
        assertThat(reader.listRuns("SUCCEEDED", "client.greet", 10))
                .extracting(Run::getId)
                .contains(started.getId());
    }

    @Test
    void aRetriedStartGetsTheSameRunAndAnotherRequestWithTheKeyIs422() throws ApiException {
        RunsApi runs = new RunsApi(client(CI_TOKEN));
        StartRunRequest request = new StartRunRequest().kind("client.greet").parameters(Map.of("name", "retry"));

        Run first = runs.startRun(request, "portal-req-2");
        Run retried = runs.startRun(request, "portal-req-2");

        assertThat(retried.getId()).isEqualTo(first.getId());
        assertThatThrownBy(() -> runs.startRun(
                        new StartRunRequest().kind("client.greet").parameters(Map.of("name", "other")), "portal-req-2"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getResponseBody()).contains("https://releasekit.io/problems/idempotency-key-reused");
                });
        assertThatThrownBy(() -> new RunsApi(client(READER_TOKEN)).startRun(request, null))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }

    @Test
    void reportsMissingAndInsufficientTokensAsProblems() {
        assertThatThrownBy(() -> new ServicesApi(client(null)).listServices())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(401);
                    assertThat(e.getResponseBody()).contains("https://releasekit.io/problems/unauthorized");
                });
        assertThatThrownBy(() -> new VersionsApi(client(READER_TOKEN))
                        .nextVersion(new NextVersionRequest().tags(List.of()).prefix("v")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(e.getResponseBody()).contains("https://releasekit.io/problems/forbidden");
                });
    }
}
