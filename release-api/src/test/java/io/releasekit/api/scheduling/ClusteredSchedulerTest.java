package io.releasekit.api.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.releasekit.api.testkit.PostgresContainer;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two replicas' schedulers, each with its own connection pool, on one PostgreSQL database: every execution runs
 * exactly once, and an execution picked by a replica that dies is taken over by the other.
 */
class ClusteredSchedulerTest {

    private static final Logger LOG = LoggerFactory.getLogger(ClusteredSchedulerTest.class);

    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<Scheduler> schedulers = new ArrayList<>();

    @BeforeAll
    static void migrate() {
        PostgresContainer pg = PostgresContainer.shared();
        Flyway.configure()
                .dataSource(pg.jdbcUrl(), pg.username(), pg.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    @BeforeEach
    void clean() throws Exception {
        try (Connection c = pool("cleaner").getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM scheduled_tasks");
        }
    }

    @AfterEach
    void stop() {
        schedulers.forEach(Scheduler::stop);
        pools.forEach(HikariDataSource::close);
    }

    @Test
    void runsEachExecutionExactlyOnceAcrossTwoReplicas() {
        Map<String, List<String>> executions = new ConcurrentHashMap<>();
        Scheduler a = scheduler("replica-a", runId -> record(executions, runId, "replica-a"));
        Scheduler b = scheduler("replica-b", runId -> record(executions, runId, "replica-b"));
        a.start();
        b.start();
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String runId = "run-" + UUID.randomUUID();
            runs.add(runId);
            // Half scheduled through each replica, as two API replicas would.
            Scheduler via = i % 2 == 0 ? a : b;
            via.schedule(AdvanceRunTask.DESCRIPTOR.instance(runId).data(runId).scheduledTo(Instant.now()));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> executions.keySet().containsAll(runs));
        // Give a duplicate (if any) time to show up before checking there is none.
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);

        assertThat(executions).hasSize(20);
        executions.forEach(
                (run, by) -> assertThat(by).as("executions of %s", run).hasSize(1));
        LOG.info(
                "20 executions: {} on replica-a, {} on replica-b",
                executions.values().stream()
                        .filter(l -> l.get(0).equals("replica-a"))
                        .count(),
                executions.values().stream()
                        .filter(l -> l.get(0).equals("replica-b"))
                        .count());
    }

    @Test
    void takesOverTheExecutionOfAReplicaThatStoppedHeartBeating() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> byB = new CopyOnWriteArrayList<>();
        // Replica A hangs inside the step, ignoring interrupts, like a process that froze or lost the network.
        Scheduler a = scheduler("replica-a", runId -> {
            entered.countDown();
            awaitUninterruptibly(release);
        });
        a.start();
        String runId = "run-" + UUID.randomUUID();
        a.schedule(AdvanceRunTask.DESCRIPTOR.instance(runId).data(runId).scheduledTo(Instant.now()));
        assertThat(entered.await(20, TimeUnit.SECONDS))
                .as("replica A picked the execution")
                .isTrue();

        // A dies: no more heartbeats. B starts and, after the missed-heartbeat limit, revives the execution.
        a.stop();
        long died = System.nanoTime();
        Scheduler b = scheduler("replica-b", byB::add);
        b.start();

        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> byB.contains(runId));
            LOG.info("replica B took over after {} ms", (System.nanoTime() - died) / 1_000_000);
            assertThat(byB).containsExactly(runId);
        } finally {
            release.countDown();
        }
    }

    private Scheduler scheduler(String name, RunAdvancer advancer) {
        SchedulerProperties p = new SchedulerProperties();
        p.setName(name);
        p.setPollingInterval(Duration.ofMillis(100));
        p.setHeartbeatInterval(Duration.ofMillis(200));
        p.setMissedHeartbeatsLimit(4);
        p.setShutdownMaxWait(Duration.ofMillis(100));
        p.setThreads(4);
        Scheduler s = AdvanceRunTask.scheduler(pool(name), p, advancer);
        schedulers.add(s);
        return s;
    }

    private HikariDataSource pool(String name) {
        PostgresContainer pg = PostgresContainer.shared();
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(pg.jdbcUrl());
        config.setUsername(pg.username());
        config.setPassword(pg.password());
        config.setMaximumPoolSize(5);
        HikariDataSource ds = new HikariDataSource(config);
        pools.add(ds);
        return ds;
    }

    private static void record(Map<String, List<String>> executions, String runId, String replica) {
        executions.computeIfAbsent(runId, k -> new CopyOnWriteArrayList<>()).add(replica);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
