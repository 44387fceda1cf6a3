package io.releasekit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void answersTheResultsInItemOrder() {
        assertThat(Parallel.map(List.of(3, 1, 2), 2, "t", i -> i * 10)).containsExactly(30, 10, 20);
    }

    @Test
    void startsNoFurtherItemAfterAFailure() {
        AtomicInteger started = new AtomicInteger();

        assertThatThrownBy(() -> Parallel.map(List.of(1, 2, 3, 4, 5), 1, "t", i -> {
                    started.incrementAndGet();
                    if (i == 2) {
                        throw new IllegalStateException("item 2 failed");
                    }
                    return i;
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("item 2 failed");
        assertThat(started).hasValue(2);
    }

    @Test
    void returnsOnlyAfterTheTasksStillRunningHaveEnded() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        AtomicBoolean slowEnded = new AtomicBoolean();

        // item 0 fails once item 1 is running; item 1 ignores its interrupt for a while, like a write in progress
        assertThatThrownBy(() -> Parallel.map(List.of(0, 1), 2, "t", i -> {
                    if (i == 0) {
                        assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
                        throw new IllegalStateException("item 0 failed");
                    }
                    slowStarted.countDown();
                    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    slowEnded.set(true);
                    return i;
                }))
                .hasMessage("item 0 failed");
        assertThat(slowEnded).as("the running task had ended when map threw").isTrue();
    }
}
