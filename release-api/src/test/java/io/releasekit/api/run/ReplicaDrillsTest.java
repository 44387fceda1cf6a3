package io.releasekit.api.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.releasekit.api.TestTokens;
import io.releasekit.api.testkit.PostgresContainer;
import io.releasekit.api.testkit.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two replicas of the service as child processes on one PostgreSQL database, with the default scheduler settings, and
 * the failures docs/persistence.md describes: concurrent publishes into one store, {@code kill -9} of the replica
 * holding runs, a replica frozen ({@code SIGSTOP}) past the takeover time, and PostgreSQL stopped for 60 s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaDrillsTest {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaDrillsTest.class);
    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(30);
    private static final List<String> TERMINAL = List.of("SUCCEEDED", "FAILED", "CANCELLED", "SUCCEEDED_DEGRADED");

    private static PostgresContainer pg;
    private static String url;
    private static Path work;
    private static Path src;
    private static Path dst;
    private static Path drills;
    private static final Map<String, ServiceProcess> replicas = new TreeMap<>();
    private static final java.util.Set<String> frozen = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startReplicas() throws Exception {
        pg = PostgresContainer.shared();
        url = pg.freshDatabase("drills");
        work = Path.of("target", "replica-drills").toAbsolutePath();
        deleteTree(work);
        src = Files.createDirectories(work.resolve("src"));
        dst = Files.createDirectories(work.resolve("dst"));
        drills = Files.createDirectories(work.resolve("drills"));
        writeRelease(src.resolve("small"), 40, 8 * 1024, 1);
        writeRelease(src.resolve("big"), 100, 64 * 1024, 2);
        CompletableFuture<ServiceProcess> a = CompletableFuture.supplyAsync(() -> start("replica-a"));
        CompletableFuture<ServiceProcess> b = CompletableFuture.supplyAsync(() -> start("replica-b"));
        replicas.put("replica-a", a.get());
        replicas.put("replica-b", b.get());
    }

    @AfterAll
    static void stopReplicas() {
        replicas.values().forEach(ServiceProcess::close);
    }

    @BeforeEach
    void bothReplicasUp() throws IOException {
        Files.writeString(drills.resolve("go"), "");
        for (String name : List.copyOf(replicas.keySet())) {
            if (!replicas.get(name).alive()) {
                replicas.put(name, start(name));
            }
        }
    }

    @Test
    @Order(1)
    void fiftyConcurrentPublishesIntoOneStoreOnTwoReplicasAllSucceedEachDestinationExact() throws Exception {
        long t0 = System.nanoTime();
        List<String> ids = startPublishes("small", "fifty", 50);

        Map<String, Map<String, Object>> ended = awaitEnded(ids, Duration.ofMinutes(6));
        long took = System.nanoTime() - t0;

        ended.forEach((id, run) -> {
            assertThat(run.get("state")).as("run %s: %s", id, run.get("reason")).isEqualTo("SUCCEEDED");
            // live replicas under load kept their claims: no step was taken over and run again
            RunsHttp.steps(run)
                    .forEach((step, record) ->
                            assertThat(record).as("step %s of run %s", step, id).containsEntry("attempts", 1));
        });
        for (int i = 0; i < ids.size(); i++) {
            assertExactCopy(src.resolve("small"), dst.resolve("fifty/run-" + i));
        }
        assertNoPartFilesOutsideStaging();
        LOG.info(
                "50 concurrent publishes (40 objects each) on two replicas: all SUCCEEDED in {} s",
                took / 1_000_000_000);
    }

    @Test
    @Order(2)
    void aSixtySecondDatabaseOutagePausesTwelvePublishesThatThenSucceedWithNoStepRepeated() throws Exception {
        // one run held inside its step for the whole outage, with an SSE client following it
        Files.delete(drills.resolve("go"));
        String held = startDrill(http("replica-a"), 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> waitingMarker(held).isPresent());
        SseReader.Stream_ sse =
                SseReader.open(uri("replica-b").resolve("/api/v1/runs/" + held + "/events"), TestTokens.READER, null);
        List<String> ids = startPublishes("big", "outage", 12);
        await().atMost(Duration.ofSeconds(60)).until(() -> anyCopyStarted(ids));

        Instant stoppedAt = Instant.now();
        pg.stop();
        long stopped = System.nanoTime();
        try {
            outage(held, sse, ids, stoppedAt, stopped);
        } finally {
            if (!pg.accepts()) {
                pg.startAgain(); // the next tests need the database, also when this one failed
            }
        }
    }

    private void outage(String held, SseReader.Stream_ sse, List<String> ids, Instant stoppedAt, long stopped)
            throws Exception {
        // health says DOWN within seconds on both replicas, and never waits for the pool
        await().atMost(Duration.ofSeconds(5))
                .until(() -> status("replica-a", "/health") == 503 && status("replica-b", "/health") == 503);
        long detectedMillis = (System.nanoTime() - stopped) / 1_000_000;
        long h0 = System.nanoTime();
        assertThat(status("replica-b", "/health")).isEqualTo(503);
        long healthMillis = (System.nanoTime() - h0) / 1_000_000;
        RunsHttp.Response refused = http("replica-a")
                .post(
                        "/api/v1/runs",
                        TestTokens.CI,
                        RunsHttp.json(Map.of("kind", DrillProcesses.KIND, "parameters", drillParameters(1))));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isNotNull();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> sse.events.stream().anyMatch(e -> "paused".equals(e.event())));
        // the outage lasts 60 s; health stays DOWN throughout
        await().during(Duration.ofSeconds(60).minusNanos(System.nanoTime() - stopped))
                .atMost(Duration.ofSeconds(70))
                .until(() -> status("replica-a", "/health") == 503);
        pg.startAgain();
        Instant backAt = Instant.now();
        long outageSeconds = Duration.between(stoppedAt, backAt).toSeconds();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> sse.events.stream().anyMatch(e -> "resumed".equals(e.event())));
        Files.writeString(drills.resolve("go"), "");

        Map<String, Map<String, Object>> ended = awaitEnded(ids, Duration.ofMinutes(5));
        int spanning = 0;
        for (int i = 0; i < ids.size(); i++) {
            Map<String, Object> run = ended.get(ids.get(i));
            assertThat(run.get("state"))
                    .as("run %s: %s", ids.get(i), run.get("reason"))
                    .isEqualTo("SUCCEEDED");
            assertExactCopy(src.resolve("big"), dst.resolve("outage/run-" + i));
            for (Map.Entry<String, Map<String, Object>> step :
                    RunsHttp.steps(run).entrySet()) {
                assertThat(step.getValue().get("attempts"))
                        .as("attempts of %s in run %s", step.getKey(), ids.get(i))
                        .isEqualTo(1);
                if (spans(step.getValue(), stoppedAt)) {
                    spanning++;
                }
            }
        }
        assertThat(awaitEnded(List.of(held), Duration.ofMinutes(1)).get(held).get("state"))
                .isEqualTo("SUCCEEDED");
        LOG.info(
                "PostgreSQL stopped {} s during 12 publishes: all SUCCEEDED, every step attempted once, {} step(s)"
                        + " paused across the outage; both replicas' /health said 503 {} ms after the stop, answering"
                        + " in {} ms",
                outageSeconds,
                spanning,
                detectedMillis,
                healthMillis);
    }

    @Test
    @Order(3)
    void killingTheReplicaHoldingRunsHandsThemToTheOtherWithinThirtySeconds() throws Exception {
        Files.delete(drills.resolve("go"));
        List<String> ids = new ArrayList<>();
        // four runs, whatever their split: the survivor's four execution threads can hold all of them
        for (int i = 0; i < 4; i++) {
            ids.add(startDrill(http(i % 2 == 0 ? "replica-a" : "replica-b"), 3));
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> ids.stream().allMatch(id -> waitingMarker(id).isPresent()));
        Map<String, List<String>> byHolder = new TreeMap<>();
        for (String id : ids) {
            byHolder.computeIfAbsent(waitingMarker(id).orElseThrow(), k -> new ArrayList<>())
                    .add(id);
        }
        String victim = byHolder.entrySet().stream()
                .max((x, y) -> Integer.compare(x.getValue().size(), y.getValue().size()))
                .orElseThrow()
                .getKey();
        String survivor = victim.equals("replica-a") ? "replica-b" : "replica-a";
        List<String> orphaned = byHolder.get(victim);
        Map<String, Object> before = http(survivor)
                .get("/api/v1/runs/" + orphaned.get(0), TestTokens.READER)
                .json();
        assertThat(holder(before)).containsEntry("replica", victim).containsKey("presumedDeadAt");

        replicas.get(victim).kill();
        long killed = System.nanoTime();
        Map<String, Long> takeoverMillis = new LinkedHashMap<>();
        await().atMost(TAKEOVER_BOUND).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (String id : orphaned) {
                if (!takeoverMillis.containsKey(id) && Files.exists(drills.resolve(id + ".waiting." + survivor))) {
                    takeoverMillis.put(id, (System.nanoTime() - killed) / 1_000_000);
                }
            }
            return takeoverMillis.size() == orphaned.size();
        });
        Map<String, Object> after = http(survivor)
                .get("/api/v1/runs/" + orphaned.get(0), TestTokens.READER)
                .json();
        assertThat(holder(after)).containsEntry("replica", survivor);
        Files.writeString(drills.resolve("go"), "");

        Map<String, Map<String, Object>> ended = awaitEnded(ids, Duration.ofSeconds(60));
        ended.forEach((id, run) -> assertThat(run.get("state")).as("run %s", id).isEqualTo("SUCCEEDED"));
        LOG.info(
                "kill -9 of {} holding {} of 4 runs: taken over by {} after {} ms (defaults: heartbeat 2 s x 6)",
                victim,
                orphaned.size(),
                survivor,
                takeoverMillis.values());
        assertThat(takeoverMillis.values()).allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(30_000L));
    }

    @Test
    @Order(4)
    void aReplicaFrozenPastTheTakeoverWritesNothingAfterwardsAndItsAttemptIsInTheEvents() throws Exception {
        Files.delete(drills.resolve("go"));
        String id = startDrill(http("replica-a"), 5);
        await().atMost(Duration.ofSeconds(30)).until(() -> waitingMarker(id).isPresent());
        String frozen = waitingMarker(id).orElseThrow();
        String other = frozen.equals("replica-a") ? "replica-b" : "replica-a";

        replicas.get(frozen).freeze();
        ReplicaDrillsTest.frozen.add(frozen);
        long froze = System.nanoTime();
        try {
            await().atMost(TAKEOVER_BOUND)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.exists(drills.resolve(id + ".waiting." + other)));
            long takeover = (System.nanoTime() - froze) / 1_000_000;
            Files.writeString(drills.resolve("go"), "");
            assertThat(awaitEnded(List.of(id), Duration.ofSeconds(60)).get(id).get("state"))
                    .isEqualTo("SUCCEEDED");
            Map<String, byte[]> published = contents(dst.resolve(id));
            LOG.info("{} frozen; {} took its run over after {} ms and finished it", frozen, other, takeover);
            assertThat(published).hasSize(5);
        } finally {
            replicas.get(frozen).wake();
            ReplicaDrillsTest.frozen.remove(frozen);
        }
        Instant woke = Instant.now();
        // the stale attempt runs on: its next write is refused, and it says so once
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replicas.get(frozen).log().contains("run " + id + ": stopped, claim lost"));

        Map<String, byte[]> after = contents(dst.resolve(id));
        assertThat(after).hasSize(5);
        after.forEach((key, bytes) -> assertThat(new String(bytes, StandardCharsets.UTF_8))
                .as("object %s", key)
                .contains("written by " + other + "/"));
        try (Stream<Path> files = Files.list(dst.resolve(id))) {
            assertThat(files)
                    .allSatisfy(f ->
                            assertThat(Files.getLastModifiedTime(f).toInstant()).isBefore(woke));
        }
        List<SseReader.SseEvent> events = SseReader.open(
                        uri(other).resolve("/api/v1/runs/" + id + "/events"), TestTokens.READER, null)
                .awaitEnd(Duration.ofSeconds(30));
        assertThat(events)
                .filteredOn(e -> "STEP_ABANDONED".equals(e.event()))
                .singleElement()
                .satisfies(e -> assertThat(e.data().toString()).contains("taken over by replica '" + other + "'"));
        assertThat(replicas.get(frozen).log().lines().filter(l -> l.contains(id) && l.contains("claim lost")))
                .as("one line from the stale replica")
                .hasSize(1);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static ServiceProcess start(String name) {
        String config = "releasekit:\n"
                + "  data-dir: " + work.resolve(name + "-data") + "\n"
                + ServiceProcess.TOKENS_YAML
                + "  scheduler:\n    name: " + name + "\n"
                + "  stores:\n"
                + "    src:\n      type: fs\n      path: " + src + "\n"
                + "    dst:\n      type: fs\n      path: " + dst + "\n"
                + "  drill:\n    dir: " + drills + "\n"
                + "datasources:\n  default:\n"
                + "    url: " + url + "\n"
                + "    username: " + pg.username() + "\n"
                + "    password: " + pg.password() + "\n";
        return ServiceProcess.start(name, work, config, Map.of());
    }

    private static RunsHttp http(String replica) {
        return new RunsHttp(uri(replica));
    }

    private static URI uri(String replica) {
        return replicas.get(replica).uri();
    }

    private static List<String> startPublishes(String release, String into, int n) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(10);
        try {
            List<Callable<String>> starts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                RunsHttp via = http(i % 2 == 0 ? "replica-a" : "replica-b");
                Map<String, Object> p = Map.of(
                        "sourceStore",
                        "src",
                        "sourcePrefix",
                        release + "/",
                        "destinationStore",
                        "dst",
                        "destinationPrefix",
                        into + "/run-" + i + "/");
                starts.add(() -> (String)
                        via.start(TestTokens.CI, "artifacts.publish", p).get("id"));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : clients.invokeAll(starts)) {
                ids.add(f.get());
            }
            return ids;
        } finally {
            clients.shutdown();
        }
    }

    private static Map<String, Object> drillParameters(int objects) {
        return Map.of("store", "dst", "objects", objects);
    }

    private static String startDrill(RunsHttp via, int objects) {
        return (String) via.start(TestTokens.CI, DrillProcesses.KIND, drillParameters(objects))
                .get("id");
    }

    /** The replica whose step of the run waits for the go file, if one does. */
    private static java.util.Optional<String> waitingMarker(String runId) {
        for (String r : replicas.keySet()) {
            if (Files.exists(drills.resolve(runId + ".waiting." + r))) {
                return java.util.Optional.of(r);
            }
        }
        return java.util.Optional.empty();
    }

    /** Every run once it ended, read from whichever replica answers (503s during an outage are waited out). */
    private static Map<String, Map<String, Object>> awaitEnded(List<String> ids, Duration max) {
        Map<String, Map<String, Object>> ended = new LinkedHashMap<>();
        await().atMost(max).pollInterval(Duration.ofMillis(250)).until(() -> {
            for (String id : ids) {
                if (ended.containsKey(id)) {
                    continue;
                }
                Map<String, Object> run = read(id);
                if (run != null && TERMINAL.contains(run.get("state"))) {
                    ended.put(id, run);
                }
            }
            return ended.size() == ids.size();
        });
        return ended;
    }

    private static Map<String, Object> read(String id) {
        for (String r : replicas.keySet()) {
            if (replicas.get(r).alive() && !frozen.contains(r)) {
                RunsHttp.Response resp = http(r).get("/api/v1/runs/" + id, TestTokens.READER);
                if (resp.status() == 200) {
                    return resp.json();
                }
            }
        }
        return null;
    }

    private static boolean anyCopyStarted(List<String> ids) {
        for (String id : ids) {
            Map<String, Object> run = read(id);
            if (run != null && !"PENDING".equals(RunsHttp.steps(run).get("copy").get("state"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean spans(Map<String, Object> step, Instant at) {
        Object started = step.get("startedAt");
        Object finished = step.get("finishedAt");
        return started != null
                && finished != null
                && Instant.parse(started.toString()).isBefore(at)
                && Instant.parse(finished.toString()).isAfter(at);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> holder(Map<String, Object> run) {
        assertThat(run.get("holder")).as("holder of %s", run.get("id")).isNotNull();
        return (Map<String, Object>) run.get("holder");
    }

    private static int status(String replica, String path) {
        return http(replica).get(path, null).status();
    }

    /** A release: n files of random bytes and their SHA256SUMS. */
    private static void writeRelease(Path dir, int n, int maxSize, long seed) throws Exception {
        Files.createDirectories(dir);
        Random random = new Random(seed);
        StringBuilder sums = new StringBuilder();
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[1 + random.nextInt(maxSize)];
            random.nextBytes(b);
            String name = "pkg-" + i + ".bin";
            Files.write(dir.resolve(name), b);
            sums.append(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(b)))
                    .append("  ")
                    .append(name)
                    .append('\n');
        }
        Files.writeString(dir.resolve("SHA256SUMS"), sums.toString());
    }

    private static void assertExactCopy(Path from, Path to) {
        Map<String, byte[]> expected = contents(from);
        Map<String, byte[]> actual = contents(to);
        assertThat(actual.keySet()).as("objects at %s", to).isEqualTo(expected.keySet());
        expected.forEach((name, bytes) ->
                assertThat(actual.get(name)).as("%s at %s", name, to).isEqualTo(bytes));
    }

    private static Map<String, byte[]> contents(Path dir) {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void assertNoPartFilesOutsideStaging() throws IOException {
        try (Stream<Path> files = Files.walk(dst)) {
            assertThat(files.filter(Files::isRegularFile)
                            .filter(f -> !dst.relativize(f).startsWith(".releasekit-staging")))
                    .noneMatch(f -> f.getFileName().toString().contains("releasekit-part"));
        }
        try (Stream<Path> staged = Files.list(dst.resolve(".releasekit-staging"))) {
            assertThat(staged).as("nothing left staged").isEmpty();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
