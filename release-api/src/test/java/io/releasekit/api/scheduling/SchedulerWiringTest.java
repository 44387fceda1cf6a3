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
    void startsNoSchedulerWithoutARunAdvancer() {
        try (ApplicationContext ctx = ApplicationContext.run("test")) {
            assertThat(ctx.containsBean(Scheduler.class)).isFalse();
            assertThat(ctx.containsBean(RunScheduling.class)).isFalse();
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
