package io.releasekit.api.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.releasekit.api.TestTokens;
import io.releasekit.api.run.RunsHttp;
import io.releasekit.api.testkit.MutableClock;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The release calendar over REST on the embedded database, with a controllable clock: schedules are created, previewed,
 * changed, paused, resumed and deleted; a firing starts one run per fire time (a takeover firing the same time gets the
 * same run), skips exception dates, and treats fire times missed during downtime by the schedule's policy; the real
 * clustered scheduler fires a schedule when its time comes.
 */
class ScheduleApiTest {

    /** A Sunday; the Tuesdays after it are 3, 10, 17, 24 and 31 December 2030. */
    private static final Instant SUNDAY = Instant.parse("2030-12-01T07:00:00Z");

    private static final MutableClock CLOCK = new MutableClock();
    private static EmbeddedServer server;
    private static RunsHttp http;

    @BeforeAll
    static void start() {
        server = ApplicationContext.builder()
                .environments("test")
                .singletons(CLOCK)
                .run(EmbeddedServer.class);
        http = new RunsHttp(server.getURI());
    }

    @AfterAll
    static void stop() {
        server.getApplicationContext().close();
    }

    @Test
    void createsAWeeklyTrainEveryTuesdayAtTenInPragueAndPreviewsItsFireTimes() {
        CLOCK.set(SUNDAY);
        RunsHttp.Response created = create(
                TestTokens.RELEASE_MANAGER_1,
                schedule("weekly-train", "0 10 * * TUE", "Europe/Prague")
                        .with("exceptions", List.of("--12-24", "2030-12-10")));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/schedules/weekly-train");
        assertThat(created.json())
                .containsEntry("nextFireAt", "2030-12-03T09:00:00Z")
                .containsEntry("nextFireLocal", "2030-12-03T10:00:00+01:00[Europe/Prague]")
                .containsEntry("missedFire", "run-once")
                .containsEntry("paused", false)
                .containsEntry("createdBy", "test-rm1");
        List<Map<String, Object>> times = http.get(
                        "/api/v1/schedules/weekly-train/fire-times?count=5", TestTokens.READER)
                .jsonList();
        assertThat(times)
                .extracting(t -> t.get("at"))
                .containsExactly(
                        "2030-12-03T09:00:00Z",
                        "2030-12-10T09:00:00Z",
                        "2030-12-17T09:00:00Z",
                        "2030-12-24T09:00:00Z",
                        "2030-12-31T09:00:00Z");
        assertThat(times).extracting(t -> t.get("skipped")).containsExactly(false, true, false, true, false);
        assertThat(http.get("/api/v1/schedules", TestTokens.READER).jsonList())
                .extracting(s -> s.get("name"))
                .contains("weekly-train");
    }

    @Test
    void onlyReleaseManagersChangeSchedulesAndEveryRoleReadsThem() {
        CLOCK.set(SUNDAY);
        assertThat(create(TestTokens.CI, schedule("by-ci", "0 13 * * MON", "UTC"))
                        .status())
                .isEqualTo(403);
        assertThat(create(TestTokens.READER, schedule("by-reader", "0 13 * * MON", "UTC"))
                        .status())
                .isEqualTo(403);
        assertThat(create(TestTokens.ADMIN, schedule("by-admin", "0 13 * * MON", "UTC"))
                        .status())
                .isEqualTo(201);
        assertThat(http.post("/api/v1/schedules/by-admin/pause", TestTokens.CI, "")
                        .status())
                .isEqualTo(403);
        assertThat(http.get("/api/v1/schedules/by-admin", TestTokens.CI).status())
                .isEqualTo(200);
        assertThat(http.get("/api/v1/schedules/by-admin", null).status()).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "cron | 0 25 * * TUE | cron expression '0 25 * * TUE' is invalid",
                "cron | every tuesday | cron expression 'every tuesday' has 2 fields",
                "zone | Europe/Prag | time zone 'Europe/Prag' is not a known zone id",
                "missedFire | sometimes | missed-fire policy 'sometimes' is not one of run-once, skip",
                "kind | no.such-kind | unknown run kind 'no.such-kind'",
                "name | Weekly Train | schedule name 'Weekly Train' must be",
            })
    void refusesABadValueWithA400NamingIt(String field, String value, String detail) {
        CLOCK.set(SUNDAY);
        Body body = schedule("bad-" + field.toLowerCase(), "0 10 * * TUE", "Europe/Prague")
                .with(field, value);

        RunsHttp.Response r = create(TestTokens.RELEASE_MANAGER_1, body);

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat((String) r.json().get("detail")).contains(detail);
    }

    @Test
    void refusesParametersTheKindDoesNotTakeAndABadExceptionDate() {
        CLOCK.set(SUNDAY);
        RunsHttp.Response params = create(
                TestTokens.RELEASE_MANAGER_1,
                schedule("bad-params", "0 10 * * TUE", "UTC").with("parameters", Map.of("colour", "blue")));
        RunsHttp.Response date = create(
                TestTokens.RELEASE_MANAGER_1,
                schedule("bad-date", "0 10 * * TUE", "UTC").with("exceptions", List.of("2030-13-01")));

        assertThat(params.status()).as(params.body()).isEqualTo(400);
        assertThat((String) params.json().get("detail")).contains("colour");
        assertThat(date.status()).as(date.body()).isEqualTo(400);
        assertThat((String) date.json().get("detail")).contains("'2030-13-01'");
    }

    @Test
    void updatesPausesResumesAndDeletesASchedule() {
        CLOCK.set(SUNDAY);
        create(TestTokens.RELEASE_MANAGER_1, schedule("packit-deploy", "0 10 * * TUE", "Europe/Prague"));

        RunsHttp.Response updated =
                http.send(http.request("/api/v1/schedules/packit-deploy", TestTokens.RELEASE_MANAGER_2)
                        .header("Content-Type", "application/json")
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                                RunsHttp.json(schedule(null, "0 13 * * MON", "Europe/Prague").values))));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json()).containsEntry("nextFireAt", "2030-12-02T12:00:00Z");

        Map<String, Object> paused = http.post(
                        "/api/v1/schedules/packit-deploy/pause", TestTokens.RELEASE_MANAGER_1, "")
                .json();
        assertThat(paused).containsEntry("paused", true).containsEntry("nextFireAt", null);
        Map<String, Object> resumed = http.post(
                        "/api/v1/schedules/packit-deploy/resume", TestTokens.RELEASE_MANAGER_1, "")
                .json();
        assertThat(resumed).containsEntry("paused", false).containsEntry("nextFireAt", "2030-12-02T12:00:00Z");

        RunsHttp.Response deleted =
                http.send(http.request("/api/v1/schedules/packit-deploy", TestTokens.RELEASE_MANAGER_1)
                        .DELETE());
        assertThat(deleted.status()).isEqualTo(204);
        RunsHttp.Response gone = http.get("/api/v1/schedules/packit-deploy", TestTokens.READER);
        assertThat(gone.status()).isEqualTo(404);
        assertThat((String) gone.json().get("detail")).contains("'packit-deploy'");
    }

    @Test
    void aFireTimeStartsOneRunAndATakeoverFiringItAgainGetsTheSameRun() {
        CLOCK.set(SUNDAY);
        create(TestTokens.RELEASE_MANAGER_1, schedule("mondays", "0 13 * * MON", "Europe/Prague"));
        Instant fireTime = Instant.parse("2030-12-02T12:00:00Z");
        ScheduleFiring firing = server.getApplicationContext().getBean(ScheduleFiring.class);

        CLOCK.set(fireTime.plusSeconds(1));
        ScheduleFiring.Fired first = firing.fire("mondays", fireTime);
        ScheduleFiring.Fired again = firing.fire("mondays", fireTime);

        assertThat(first.outcome()).isEqualTo("started");
        assertThat(again.runId()).isEqualTo(first.runId());
        assertThat(first.next()).contains(Instant.parse("2030-12-09T12:00:00Z"));
        Run run = server.getApplicationContext().getBean(RunEngine.class).run(first.runId());
        assertThat(run.requestedBy()).isEqualTo("schedule:mondays");
        assertThat(run.idempotencyKey()).isEqualTo("schedule:mondays:2030-12-02T12:00:00Z");
        assertThat(http.get("/api/v1/schedules/mondays", TestTokens.READER)
                        .json()
                        .get("lastFire"))
                .isEqualTo(Map.of(
                        "at",
                        "2030-12-02T12:00:00Z",
                        "outcome",
                        "started",
                        "runId",
                        first.runId(),
                        "by",
                        server.getApplicationContext()
                                .getBean(io.releasekit.api.scheduling.SchedulerProperties.class)
                                .replicaName()));
    }

    @Test
    void afterDowntimeRunOnceStartsOneRunAndSkipStartsNone() {
        CLOCK.set(SUNDAY);
        create(TestTokens.RELEASE_MANAGER_1, schedule("catch-up", "0 10 * * TUE", "Europe/Prague"));
        create(
                TestTokens.RELEASE_MANAGER_1,
                schedule("on-time-only", "0 10 * * TUE", "Europe/Prague").with("missedFire", "skip"));
        ScheduleFiring firing = server.getApplicationContext().getBean(ScheduleFiring.class);
        Instant missed = Instant.parse("2030-12-03T09:00:00Z");

        CLOCK.set(missed.plus(Duration.ofDays(2))); // down from Tuesday morning to Thursday
        ScheduleFiring.Fired runOnce = firing.fire("catch-up", missed);
        ScheduleFiring.Fired skip = firing.fire("on-time-only", missed);

        assertThat(runOnce.outcome()).isEqualTo("started");
        assertThat(runOnce.runId()).isNotNull();
        assertThat(skip.outcome()).isEqualTo("skipped-missed");
        assertThat(skip.runId()).isNull();
        // both wait for the next Tuesday after now, not for the missed ones in between
        assertThat(runOnce.next()).contains(Instant.parse("2030-12-10T09:00:00Z"));
        assertThat(skip.next()).contains(Instant.parse("2030-12-10T09:00:00Z"));
    }

    @Test
    void anExceptionDateFiresNothing() {
        CLOCK.set(SUNDAY);
        create(
                TestTokens.RELEASE_MANAGER_1,
                schedule("holidays", "0 10 * * TUE", "Europe/Prague").with("exceptions", List.of("--12-24")));
        ScheduleFiring firing = server.getApplicationContext().getBean(ScheduleFiring.class);
        Instant christmasEve = Instant.parse("2030-12-24T09:00:00Z");

        CLOCK.set(christmasEve.plusSeconds(1));
        ScheduleFiring.Fired fired = firing.fire("holidays", christmasEve);

        assertThat(fired.outcome()).isEqualTo("skipped-exception");
        assertThat(fired.runId()).isNull();
        assertThat(fired.next()).contains(Instant.parse("2030-12-31T09:00:00Z"));
    }

    @Test
    void theClusteredSchedulerFiresAScheduleWhenItsTimeComes() {
        CLOCK.followSystem();
        ZonedDateTime at = Instant.now().plusSeconds(2).atZone(ZoneOffset.UTC);
        String cron = at.getSecond() + " " + at.getMinute() + " " + at.getHour() + " " + at.getDayOfMonth() + " "
                + at.getMonthValue() + " *";
        create(
                TestTokens.RELEASE_MANAGER_1,
                schedule("now-ish", cron, "UTC").with("parameters", Map.of("label", "calendar")));

        Map<String, Object> fired = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> http.get("/api/v1/schedules/now-ish", TestTokens.READER)
                                .json(),
                        s -> s.get("lastFire") != null);

        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) fired.get("lastFire");
        assertThat(last)
                .containsEntry("outcome", "started")
                .containsEntry("at", at.withNano(0).toInstant().toString());
        Map<String, Object> run = http.awaitState((String) last.get("runId"), Duration.ofSeconds(30), "SUCCEEDED");
        assertThat(run).containsEntry("requestedBy", "schedule:now-ish");
        assertThat(fired.get("nextFireAt"))
                .isEqualTo(at.withNano(0).plusYears(1).toInstant().toString());
    }

    private static RunsHttp.Response create(String token, Body body) {
        return http.post("/api/v1/schedules", token, RunsHttp.json(body.values));
    }

    private static Body schedule(String name, String cron, String zone) {
        Body b = new Body();
        if (name != null) {
            b.values.put("name", name);
        }
        b.values.put("cron", cron);
        b.values.put("zone", zone);
        b.values.put("kind", "test.counting");
        b.values.put("parameters", Map.of("label", "calendar"));
        return b;
    }

    /** A request body under construction. */
    private static final class Body {
        final Map<String, Object> values = new LinkedHashMap<>();

        Body with(String key, Object value) {
            values.put(key, value);
            return this;
        }
    }
}
