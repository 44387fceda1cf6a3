package io.releasekit.api.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.releasekit.api.TestTokens;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SSE stream of a run: past events, then live ones, in order, ending with the run. Keep-alives are sent every 200
 * ms here, so every test also shows that they change no event, id or order.
 */
@MicronautTest(transactional = false) // the test talks to the service over HTTP, like a client
@Property(name = "releasekit.runs.sse-keep-alive", value = "200ms")
class RunEventsApiTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    EmbeddedServer server;

    RunsHttp http;

    @BeforeEach
    void setUp() {
        http = new RunsHttp(server.getURI());
    }

    @Test
    void streamsEveryEventOfARunInOrderPastThenLiveAndEndsWithTheRun() throws Exception {
        String gate = "sse-" + UUID.randomUUID();
        String id = (String)
                http.start(TestTokens.CI, "test.blocking", Map.of("gate", gate)).get("id");
        assertThat(Gates.gate(gate).awaitArrival(WAIT)).isTrue();

        SseReader.Stream_ stream = SseReader.open(events(id), TestTokens.READER, null);
        assertThat(stream.status).isEqualTo(200);
        assertThat(stream.contentType).startsWith("text/event-stream");
        // past events arrive while the step still waits at the gate
        Awaitility.await().atMost(WAIT).until(() -> stream.events.stream()
                .anyMatch(e -> e.event().equals("STEP_STARTED")
                        && "block".equals(e.data().get("step"))));
        assertThat(stream.ended).isNotDone();

        Gates.gate(gate).open();
        List<SseReader.SseEvent> events = stream.awaitEnd(WAIT);

        assertNumberedFromOneWithoutGaps(events);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.event()).isEqualTo(e.data().get("type"));
            assertThat(e.id()).isEqualTo(e.data().get("sequence").toString());
            assertThat(e.data()).containsEntry("runId", id);
        });
        assertThat(events)
                .extracting(e -> e.event()
                        + (e.data().get("step") == null ? "" : ":" + e.data().get("step")))
                .containsExactly(
                        "RUN_STATE_CHANGED",
                        "RUN_STATE_CHANGED",
                        "STEP_STARTED:before",
                        "STEP_FINISHED:before",
                        "STEP_STARTED:block",
                        "STEP_FINISHED:block",
                        "STEP_STARTED:after",
                        "STEP_FINISHED:after",
                        "RUN_STATE_CHANGED");
        SseReader.SseEvent last = events.get(events.size() - 1);
        assertThat(data(last)).containsEntry("state", "SUCCEEDED").containsEntry("from", "RUNNING");
    }

    @Test
    void sendsKeepAliveCommentsWhileTheRunIsQuietWithoutTouchingEventsOrIds() throws Exception {
        String gate = "sse-keep-alive-" + UUID.randomUUID();
        String id = (String)
                http.start(TestTokens.CI, "test.blocking", Map.of("gate", gate)).get("id");
        assertThat(Gates.gate(gate).awaitArrival(WAIT)).isTrue();
        SseReader.Stream_ stream = SseReader.open(events(id), TestTokens.READER, null);
        Awaitility.await().atMost(WAIT).until(() -> stream.events.stream()
                .anyMatch(e -> e.event().equals("STEP_STARTED")
                        && "block".equals(e.data().get("step"))));

        // the step waits at the gate: nothing happens in the run, yet the stream keeps talking
        Awaitility.await().atMost(WAIT).until(() -> stream.comments.size() >= 3);
        assertThat(stream.ended).isNotDone();
        Gates.gate(gate).open();
        List<SseReader.SseEvent> events = stream.awaitEnd(WAIT);

        assertThat(stream.comments).containsOnly("keep-alive");
        assertThat(stream.blocks).filteredOn(b -> b.get(0).startsWith(":")).allSatisfy(b -> assertThat(b)
                .as("a keep-alive carries no id, event or data")
                .containsExactly(": keep-alive"));
        assertNumberedFromOneWithoutGaps(events);
        assertThat(events)
                .extracting(SseReader.SseEvent::event)
                .endsWith("STEP_STARTED", "STEP_FINISHED", "STEP_STARTED", "STEP_FINISHED", "RUN_STATE_CHANGED");
        int started = blockOf(stream, "block", "STEP_STARTED");
        int finished = blockOf(stream, "block", "STEP_FINISHED");
        assertThat(stream.blocks.subList(started, finished))
                .as("keep-alives fell in the quiet wait between the step's start and its end")
                .filteredOn(b -> b.get(0).startsWith(":"))
                .hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void continuesAfterLastEventIdAndEndsAtOnceForAnEndedRun() throws Exception {
        String id = (String) http.start(TestTokens.CI, "test.echo", Map.of("message", "m", "repeat", 2))
                .get("id");
        http.awaitState(id, WAIT, "SUCCEEDED");

        List<SseReader.SseEvent> all =
                SseReader.open(events(id), TestTokens.READER, null).awaitEnd(WAIT);
        List<SseReader.SseEvent> rest =
                SseReader.open(events(id), TestTokens.READER, "3").awaitEnd(WAIT);
        List<SseReader.SseEvent> none = SseReader.open(events(id), TestTokens.READER, Integer.toString(all.size()))
                .awaitEnd(WAIT);

        assertThat(all).extracting(SseReader.SseEvent::event).contains("STEP_PROGRESS");
        assertThat(rest).extracting(SseReader.SseEvent::id).first().isEqualTo("4");
        assertThat(rest).isEqualTo(all.subList(3, all.size()));
        assertThat(none).isEmpty();
    }

    @Test
    void progressEventsCarryTheirFiguresAsNumbersWithTheTotal() throws Exception {
        String id = (String) http.start(TestTokens.CI, "test.echo", Map.of("message", "m", "repeat", 3))
                .get("id");
        http.awaitState(id, WAIT, "SUCCEEDED");

        List<SseReader.SseEvent> all =
                SseReader.open(events(id), TestTokens.READER, null).awaitEnd(WAIT);

        List<SseReader.SseEvent> progress =
                all.stream().filter(e -> e.event().equals("STEP_PROGRESS")).toList();
        assertThat(progress).isNotEmpty();
        // the step's last report is always sent: 3 of 3, 30 bytes, as JSON numbers
        assertThat(progress.get(progress.size() - 1).data().get("progress"))
                .isEqualTo(Map.of("done", 3, "total", 3, "bytes", 30));
        assertThat(all)
                .filteredOn(e -> !e.event().equals("STEP_PROGRESS"))
                .allSatisfy(e -> assertThat(e.data().get("progress")).isNull());
    }

    @Test
    void endsACancelledRunsStream() throws Exception {
        String gate = "sse-cancel-" + UUID.randomUUID();
        String id = (String)
                http.start(TestTokens.CI, "test.blocking", Map.of("gate", gate)).get("id");
        assertThat(Gates.gate(gate).awaitArrival(WAIT)).isTrue();
        SseReader.Stream_ stream = SseReader.open(events(id), TestTokens.READER, "0");

        http.post("/api/v1/runs/" + id + "/cancel", TestTokens.CI, "");

        List<SseReader.SseEvent> events = stream.awaitEnd(WAIT);
        assertThat(events).extracting(SseReader.SseEvent::event).contains("RUN_STATE_CHANGED", "STEP_FAILED");
        assertThat(events)
                .filteredOn(e -> e.event().equals("RUN_STATE_CHANGED"))
                .last()
                .satisfies(e -> assertThat(data(e)).containsEntry("state", "CANCELLED"));
    }

    @Test
    void answersAnUnknownRunWith404Problem() {
        RunsHttp.Response r = http.send(http.request("/api/v1/runs/no-such-run/events", TestTokens.READER)
                .header("Accept", "text/event-stream")
                .GET());

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.body()).contains("no-such-run");
    }

    private static void assertNumberedFromOneWithoutGaps(List<SseReader.SseEvent> events) {
        assertThat(events)
                .extracting(SseReader.SseEvent::id)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size())
                        .mapToObj(Long::toString)
                        .toList());
    }

    /** The index of the block carrying the event of this type for this step. */
    private static int blockOf(SseReader.Stream_ stream, String step, String type) {
        for (int i = 0; i < stream.blocks.size(); i++) {
            List<String> b = stream.blocks.get(i);
            if (b.contains("event: " + type) && b.stream().anyMatch(l -> l.contains("\"step\":\"" + step + "\""))) {
                return i;
            }
        }
        throw new AssertionError("no " + type + " of step " + step + " in " + stream.blocks);
    }

    private URI events(String id) {
        return server.getURI().resolve("/api/v1/runs/" + id + "/events");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(SseReader.SseEvent e) {
        return (Map<String, Object>) e.data().get("data");
    }
}
