package io.releasekit.api.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SchedulerPropertiesTest {

    @Test
    void defaultsTakeADeadReplicasRunsOverWellWithinThirtySeconds() {
        SchedulerProperties p = new SchedulerProperties();

        assertThat(p.deadAfter()).isEqualTo(Duration.ofSeconds(12));
        // dead after, plus the next dead-execution check (every 2 heartbeats), plus the next poll
        Duration worst =
                p.deadAfter().plus(p.getHeartbeatInterval().multipliedBy(2)).plus(p.getPollingInterval());
        assertThat(worst).isLessThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void refusesFewerThanFourMissedHeartbeatsNamingTheKey() {
        SchedulerProperties p = new SchedulerProperties();

        assertThatThrownBy(() -> p.setMissedHeartbeatsLimit(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("releasekit.scheduler.missed-heartbeats-limit must be at least 4")
                .hasMessageContaining("was 3");
    }
}
