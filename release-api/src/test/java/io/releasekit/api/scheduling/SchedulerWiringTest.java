package io.releasekit.api.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerState;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The scheduler in the application, on the embedded H2 database. */
class SchedulerWiringTest {

    @Test
    void startsTheSchedulerWithTheApplicationAndAdvancesScheduledRuns() {
        List<String> advanced = new CopyOnWriteArrayList<>();
        RunAdvancer advancer = advanced::add;
        try (ApplicationContext ctx = ApplicationContext.builder()
                .environments("test")
                .singletons(advancer)
                .start()) {
            Scheduler scheduler = ctx.getBean(Scheduler.class);
            assertThat(scheduler.getSchedulerState().isStarted()).isTrue();
            RunScheduling scheduling = ctx.getBean(RunScheduling.class);

            assertThat(scheduling.advance("run-1", Instant.now())).isTrue();
            assertThat(scheduling.advance("run-2", Instant.now().plusSeconds(3600)))
                    .isTrue();
            assertThat(scheduling.advance("run-2", Instant.now()))
                    .as("already scheduled")
                    .isFalse();

            await().atMost(Duration.ofSeconds(10)).until(() -> advanced.contains("run-1"));
            assertThat(advanced).containsExactly("run-1");
        }
    }

    @Test
    void startsNoSchedulerWhenDisabled() {
        try (ApplicationContext ctx =
                ApplicationContext.run(java.util.Map.of("releasekit.scheduler.enabled", false), "test")) {
            assertThat(ctx.containsBean(Scheduler.class)).isFalse();
            assertThat(ctx.containsBean(RunScheduling.class)).isFalse();
        }
    }

    @Test
    void advancesARunAgainWhileItHasWorkLeft() {
        List<String> advanced = new CopyOnWriteArrayList<>();
        RunAdvancer advancer = new RunAdvancer() {
            @Override
            public void advance(String runId) {
                advanced.add(runId);
            }

            @Override
            public boolean hasWorkLeft(String runId) {
                return advanced.size() < 3; // e.g. an approval arrived while the run was being advanced
            }
        };
        try (ApplicationContext ctx = ApplicationContext.builder()
                .environments("test")
                .singletons(advancer)
                .start()) {
            ctx.getBean(RunScheduling.class).advance("run-1", Instant.now());

            await().atMost(Duration.ofSeconds(10)).until(() -> advanced.size() == 3);
            assertThat(ctx.getBean(RunScheduling.class).advance("run-1", Instant.now()))
                    .as("the execution is gone once no work is left")
                    .isTrue();
        }
    }

    @Test
    void runsAnExecutionAgainAtOnceWhenItsReplicaWasStopping() {
        List<String> advanced = new CopyOnWriteArrayList<>();
        RunAdvancer advancer = runId -> {
            advanced.add(runId);
            if (advanced.size() == 1) {
                throw new ReplicaStoppingException(runId, null);
            }
        };
        try (ApplicationContext ctx = ApplicationContext.builder()
                .environments("test")
                .singletons(advancer)
                .start()) {
            ctx.getBean(RunScheduling.class).advance("run-1", Instant.now());

            // a failure would be retried after 30 s; a hand-over is due at once
            await().atMost(Duration.ofSeconds(10)).until(() -> advanced.size() == 2);
        }
    }

    @Test
    void stopsTheSchedulerWithTheApplication() {
        ApplicationContext ctx = ApplicationContext.builder()
                .environments("test")
                .singletons((RunAdvancer) id -> {})
                .start();
        Scheduler scheduler = ctx.getBean(Scheduler.class);
        SchedulerState state = scheduler.getSchedulerState();

        ctx.close();

        assertThat(state.isShuttingDown()).isTrue();
    }
}
