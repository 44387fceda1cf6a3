package io.releasekit.api.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.releasekit.api.TestTokens;
import io.releasekit.api.run.RunsHttp;
import io.releasekit.api.testkit.PostgresContainer;
import io.releasekit.github.FakeGitHub;
import io.releasekit.github.GitHubWebhookSignature;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two replicas on one PostgreSQL database, each with its clustered scheduler: every fire time of a schedule is fired
 * by exactly one of them (the firings counted on both add up to the fire times, never more), each starts exactly one
 * run, and a takeover firing the same time again on the other replica gets the same run. A signed GitHub delivery sent
 * to one replica and redelivered to the other (the load balancer picked another) starts one run.
 */
class TriggersOnTwoReplicasTest {

    private static final String WEBHOOK_SECRET = "two-replicas-webhook-secret";
    private static final Logger LOG = LoggerFactory.getLogger(TriggersOnTwoReplicasTest.class);

    private static EmbeddedServer a;
    private static EmbeddedServer b;

    @BeforeAll
    static void startReplicas() {
        PostgresContainer pg = PostgresContainer.shared();
        String url = pg.freshDatabase("calendar_replicas");
        a = replica("calendar-a", pg, url);
        b = replica("calendar-b", pg, url);
    }

    @AfterAll
    static void stopReplicas() {
        for (EmbeddedServer s : new EmbeddedServer[] {a, b}) {
            if (s != null) {
                s.getApplicationContext().close();
            }
        }
    }

    @Test
    void eachFireTimeIsFiredByOneReplicaAndStartsOneRun() {
        RunsHttp onA = new RunsHttp(a.getURI());
        RunsHttp onB = new RunsHttp(b.getURI());
        RunsHttp.Response created = onA.post(
                "/api/v1/schedules",
                TestTokens.RELEASE_MANAGER_1,
                RunsHttp.json(Map.of(
                        "name", "every-second",
                        "cron", "* * * * * *",
                        "zone", "UTC",
                        "kind", "test.counting",
                        "parameters", Map.of("label", "calendar-replicas"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> firings("every-second") >= 8);
        assertThat(onB.post("/api/v1/schedules/every-second/pause", TestTokens.RELEASE_MANAGER_2, "")
                        .status())
                .isEqualTo(200);
        // a firing under way when the pause landed finishes; then nothing fires any more
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> scheduleRuns(onA).size() == firings("every-second"));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> scheduleRuns(onA).size() == firings("every-second"));

        List<Map<String, Object>> runs = scheduleRuns(onA);
        long fired = firings("every-second");
        Map<String, Long> byReplica = byReplica("every-second");
        LOG.info("{} fire times on two replicas: firings per replica {}, {} runs", fired, byReplica, runs.size());
        assertThat(runs).hasSize((int) fired);
        assertThat(runs).extracting(r -> r.get("id")).doesNotHaveDuplicates();
        assertThat(byReplica.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(fired);
    }

    @Test
    void aTakeoverOnTheOtherReplicaFiringTheSameTimeGetsTheSameRun() {
        RunsHttp onA = new RunsHttp(a.getURI());
        onA.post(
                "/api/v1/schedules",
                TestTokens.RELEASE_MANAGER_1,
                RunsHttp.json(Map.of(
                        "name", "takeover",
                        "cron", "0 10 * * TUE",
                        "zone", "Europe/Prague",
                        "kind", "test.counting",
                        "missedFire", "run-once")));
        Instant fireTime = Instant.parse("2026-12-01T09:00:00Z");

        ScheduleFiring.Fired onReplicaA =
                a.getApplicationContext().getBean(ScheduleFiring.class).fire("takeover", fireTime);
        ScheduleFiring.Fired onReplicaB =
                b.getApplicationContext().getBean(ScheduleFiring.class).fire("takeover", fireTime);

        assertThat(onReplicaA.outcome()).isEqualTo("started");
        assertThat(onReplicaB.runId()).isEqualTo(onReplicaA.runId());
        assertThat(scheduleRuns(onA, "takeover")).hasSize(1);
    }

    @Test
    void aDeliveryRedeliveredToTheOtherReplicaStartsNothingTwice() {
        byte[] push = FakeGitHub.webhookPayload("push.json");
        String delivery = UUID.randomUUID().toString();

        RunsHttp.Response first = deliver(a, delivery, push);
        RunsHttp.Response again = deliver(b, delivery, push);

        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json()).containsEntry("status", "duplicate");
        List<Map<String, Object>> runs = new RunsHttp(b.getURI())
                .get("/api/v1/runs?kind=test.counting&limit=1000", TestTokens.READER).jsonList().stream()
                        .filter(r -> "github-webhook:ericzbeard".equals(r.get("requestedBy")))
                        .toList();
        assertThat(runs).singleElement().satisfies(r -> assertThat(r.get("id"))
                .isEqualTo(((List<?>) first.json().get("runs")).get(0)));
    }

    private static RunsHttp.Response deliver(EmbeddedServer to, String delivery, byte[] body) {
        RunsHttp http = new RunsHttp(to.getURI());
        return http.send(http.request("/api/v1/webhooks/github", null)
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", delivery)
                .header(
                        "X-Hub-Signature-256",
                        GitHubWebhookSignature.sha256(body, GitHubWebhookSignature.secret(WEBHOOK_SECRET)))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static List<Map<String, Object>> scheduleRuns(RunsHttp http) {
        return scheduleRuns(http, "every-second");
    }

    private static List<Map<String, Object>> scheduleRuns(RunsHttp http, String schedule) {
        return http.get("/api/v1/runs?kind=test.counting&limit=1000", TestTokens.READER).jsonList().stream()
                .filter(r -> ("schedule:" + schedule).equals(r.get("requestedBy")))
                .toList();
    }

    private static long firings(String schedule) {
        return byReplica(schedule).values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, Long> byReplica(String schedule) {
        Map<String, Long> out = new HashMap<>();
        for (EmbeddedServer s : List.of(a, b)) {
            MeterRegistry meters = s.getApplicationContext().getBean(MeterRegistry.class);
            long n = (long) meters.find("releasekit.calendar.firings").tag("schedule", schedule).counters().stream()
                    .mapToDouble(Counter::count)
                    .sum();
            out.put(
                    s.getApplicationContext()
                            .getEnvironment()
                            .getProperty("releasekit.scheduler.name", String.class)
                            .orElseThrow(),
                    n);
        }
        return out;
    }

    private static EmbeddedServer replica(String name, PostgresContainer pg, String url) {
        Map<String, Object> props = new HashMap<>(pg.datasourceProperties());
        props.put("datasources.default.url", url);
        props.put("releasekit.scheduler.name", name);
        props.put("releasekit.scheduler.polling-interval", "100ms");
        props.put("releasekit.scheduler.heartbeat-interval", "200ms");
        props.put("releasekit.scheduler.missed-heartbeats-limit", "4");
        props.put("releasekit.scheduler.shutdown-max-wait", "500ms");
        // a push to main of the GitHub repository starts a test run (GitHub itself is never called)
        props.put("releasekit.github.endpoint", "http://127.0.0.1:9");
        props.put("releasekit.github.repositories.cfn-registry.owner", FakeGitHub.OWNER);
        props.put("releasekit.github.repositories.cfn-registry.repo", FakeGitHub.REPO);
        props.put("releasekit.github.webhook.secret", WEBHOOK_SECRET);
        props.put("releasekit.github.webhook.triggers[0].event", "push");
        props.put("releasekit.github.webhook.triggers[0].repository", "cfn-registry");
        props.put("releasekit.github.webhook.triggers[0].branch", "main");
        props.put("releasekit.github.webhook.triggers[0].kind", "test.counting");
        props.put("releasekit.github.webhook.triggers[0].params.label", "{sha}");
        return ApplicationContext.run(EmbeddedServer.class, props, "test");
    }
}
