package io.releasekit.process.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.PreflightResult;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.RunRequest;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.run.StepState;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.notify.ChannelSpec;
import io.releasekit.notify.Channels;
import io.releasekit.notify.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outage drills through the library: a real {@link RunEngine}, the real Mastodon adapter against WireMock with
 * injected faults, and a process shaped like a release — a strict write (a file "pushed" through the {@code
 * git:origin} guard) followed by a deferrable announcement. The REST versions of these drills wait for the runs API
 * on main; the engine and adapters here are the ones the API wires.
 */
class OutageDrillTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String STATUSES = "/api/v1/statuses";
    static final String CREATED = "{\"id\":\"109372843234\",\"visibility\":\"public\"}";

    @TempDir
    Path released;

    ServiceGuards guards;
    Notifiers channels;
    RunEngine engine;

    @BeforeEach
    void start() {
        Fixtures.warmUp(wm.baseUrl());
        guards = Fixtures.fastGuards();
        channels = Channels.registry(
                List.of(ChannelSpec.builder("fosstodon", "mastodon")
                        .baseUrl(wm.baseUrl())
                        .token("mastodon-drill-token")
                        .timeout(Fixtures.TIMEOUT)
                        .build()),
                guards);
        engine = RunEngine.builder()
                .guards(guards)
                .define(new ReleaseAndAnnounce())
                .replayInterval(Duration.ofMillis(200))
                .build();
    }

    @AfterEach
    void stop() {
        engine.close();
        channels.close();
        guards.close();
    }

    @Test
    void anOptionalServiceDownDegradesTheRunAndTheReplayPostsExactlyOnce() {
        wm.stubFor(post(STATUSES).willReturn(aResponse().withStatus(503).withBody("<html>503</html>")));

        Run degraded = startAndAwait("1.4.0", RunState.SUCCEEDED_DEGRADED);

        assertThat(degraded.step("release-file").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(degraded.step("notify-fosstodon").orElseThrow().state()).isEqualTo(StepState.DEFERRED);
        assertThat(released.resolve("1.4.0")).exists();
        int failedPosts = wm.findAll(postRequestedFor(urlEqualTo(STATUSES))).size();
        assertThat(failedPosts).isPositive();

        wm.resetMappings();
        wm.stubFor(post(STATUSES).willReturn(okJson(CREATED)));

        Run healed = engine.awaitEnd(degraded.id(), Duration.ofSeconds(20));
        awaitState(degraded.id(), RunState.SUCCEEDED);
        assertThat(engine.run(healed.id())
                        .step("notify-fosstodon")
                        .orElseThrow()
                        .state())
                .isEqualTo(StepState.SUCCEEDED);
        assertThat(wm.findAll(postRequestedFor(urlEqualTo(STATUSES))))
                .as("exactly one post after the service came back")
                .hasSize(failedPosts + 1);
    }

    @Test
    void aStrictServiceDownIsNoGoAndNothingIsWritten() {
        wm.stubFor(post(STATUSES).willReturn(okJson(CREATED)));
        guards.forceOpen("git:origin");

        PreflightResult preflight = engine.preflight(ReleaseAndAnnounce.KIND, Map.of("version", "1.5.0"));
        assertThat(preflight.verdict()).isEqualTo(PreflightResult.Verdict.NO_GO);
        assertThat(preflight.strictServicesDown()).containsExactly("git:origin");

        Run run = startAndAwait("1.5.0", RunState.FAILED);

        assertThat(run.reason()).startsWith("NO-GO").contains("git:origin");
        assertThat(released.resolve("1.5.0")).doesNotExist();
        assertThat(wm.findAll(postRequestedFor(urlEqualTo(STATUSES)))).isEmpty();
    }

    @Test
    void aFlappingServiceLosesNoMessageAndDuplicatesNone() {
        // up for the first post, then a connection reset and a 503, then up for good
        wm.stubFor(post(STATUSES)
                .inScenario("flap")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("reset")
                .willReturn(okJson(CREATED)));
        wm.stubFor(post(STATUSES)
                .inScenario("flap")
                .whenScenarioStateIs("reset")
                .willSetStateTo("503")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        wm.stubFor(post(STATUSES)
                .inScenario("flap")
                .whenScenarioStateIs("503")
                .willSetStateTo("up")
                .willReturn(aResponse().withStatus(503)));
        wm.stubFor(post(STATUSES).inScenario("flap").whenScenarioStateIs("up").willReturn(okJson(CREATED)));

        List<String> versions = List.of("2.0.0", "2.0.1", "2.0.2");
        List<String> ids = versions.stream()
                .map(v -> engine.start(RunRequest.of(ReleaseAndAnnounce.KIND, Map.of("version", v), "drill"))
                        .id())
                .toList();
        ids.forEach(id -> awaitState(id, RunState.SUCCEEDED));

        List<ServeEvent> posts = wm.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(STATUSES))
                .toList();
        // WireMock logs a faulted exchange with status 200: only answers without a fault were delivered
        Map<String, Long> delivered = posts.stream()
                .filter(e -> e.getResponseDefinition().getFault() == null)
                .filter(e -> e.getResponse().getStatus() == 200)
                .collect(Collectors.groupingBy(OutageDrillTest::statusText, Collectors.counting()));
        assertThat(delivered)
                .containsOnlyKeys(versions.stream().map(v -> "released " + v).toList())
                .allSatisfy((text, count) -> assertThat(count).as(text).isEqualTo(1L));
        versions.forEach(v -> assertThat(released.resolve(v)).exists());
        // every attempt at one message carries the same Idempotency-Key: a post that reached Mastodon before the
        // connection broke is not made twice by the replay
        assertThat(posts.stream()
                        .collect(Collectors.groupingBy(
                                OutageDrillTest::statusText,
                                Collectors.mapping(
                                        e -> e.getRequest().getHeader("Idempotency-Key"), Collectors.toSet()))))
                .allSatisfy((text, keys) -> assertThat(keys).as(text).hasSize(1));
        assertThat(posts).hasSizeGreaterThanOrEqualTo(5);
    }

    private Run startAndAwait(String version, RunState expected) {
        Run started = engine.start(RunRequest.of(ReleaseAndAnnounce.KIND, Map.of("version", version), "drill"));
        Run ended = engine.awaitEnd(started.id(), Duration.ofSeconds(20));
        assertThat(ended.state()).as(ended.reason()).isEqualTo(expected);
        return ended;
    }

    private void awaitState(String runId, RunState expected) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> engine.run(runId).state() == expected);
    }

    private static String statusText(ServeEvent e) {
        String body = e.getRequest().getBodyAsString();
        return JsonBodies.text(body, "status").orElseGet(() -> formField(body, "status"));
    }

    private static String formField(String body, String name) {
        Function<String, String> decode = s -> java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && decode.apply(pair.substring(0, eq)).equals(name)) {
                return decode.apply(pair.substring(eq + 1));
            }
        }
        return body;
    }

    /** A release shaped like the seeds: a strict write, then a deferrable announcement. */
    private final class ReleaseAndAnnounce implements ProcessDefinition {
        static final String KIND = "drill.release";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public String description() {
            return "write the release (strict git:origin), announce it on Mastodon (deferrable)";
        }

        @Override
        public ParameterSpec parameters() {
            return ParameterSpec.builder()
                    .string("version", true, "the version")
                    .build();
        }

        @Override
        public List<Step> steps(RunParameters parameters) {
            String version = parameters.string("version");
            return List.of(
                    new WriteRelease(version),
                    new PostMessageStep(
                            channels.resolve(List.of("fosstodon")).get(0), Message.of("released " + version)));
        }
    }

    /** The strict write: idempotent (an existing file is a skip), through the git:origin guard. */
    private final class WriteRelease implements Step {
        private final String version;

        WriteRelease(String version) {
            this.version = version;
        }

        @Override
        public String name() {
            return "release-file";
        }

        @Override
        public List<ServiceNeed> services() {
            return List.of(ServiceNeed.strict("git:origin"));
        }

        @Override
        public StepOutcome execute(StepContext ctx) {
            Path file = released.resolve(version);
            if (Files.exists(file)) {
                return StepOutcome.skipped("already released");
            }
            ctx.guards().run("git:origin", () -> {
                try {
                    Files.writeString(file, version);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            return StepOutcome.succeeded("released " + version);
        }
    }
}
