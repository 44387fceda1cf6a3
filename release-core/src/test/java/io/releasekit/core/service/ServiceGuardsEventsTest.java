package io.releasekit.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.NotFoundException;
import io.releasekit.core.RateLimitedException;
import io.releasekit.core.ServiceUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceGuardsEventsTest {

    private final ServiceGuards guards = ServiceGuards.builder()
            .defaults(GuardConfig.defaults()
                    .withWindow(2, 2)
                    .withWaits(Duration.ofMinutes(5), Duration.ofMillis(1))
                    .withMaxAttempts(2)
                    .withTimeout(Duration.ofSeconds(5)))
            .register("s3:eu-central-1")
            .build();

    @AfterEach
    void close() {
        guards.close();
    }

    @Test
    void reportsOneOutcomePerCallAfterItsRetries() {
        List<ServiceCall> calls = new CopyOnWriteArrayList<>();
        guards.addCallListener(calls::add);

        guards.call("github", () -> "ok");
        assertThatThrownBy(() -> guards.call("github", () -> {
                    throw new NotFoundException("no release v9");
                }))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> guards.call("github", () -> {
                    throw new RateLimitedException("github", "rate limit", Duration.ofMinutes(1), null);
                }))
                .isInstanceOf(RateLimitedException.class);
        assertThatThrownBy(() -> guards.call("slack", () -> {
                    throw new ServiceUnavailableException("slack", "503");
                }))
                .isInstanceOf(ServiceUnavailableException.class);
        // its two failed attempts filled slack's window of 2: the breaker is open now
        assertThatThrownBy(() -> guards.call("slack", () -> "never")).isInstanceOf(ServiceUnavailableException.class);

        assertThat(calls)
                .extracting(ServiceCall::outcome)
                .containsExactly(
                        CallOutcome.SUCCESSFUL,
                        CallOutcome.IGNORED_ERROR,
                        CallOutcome.RATE_LIMITED,
                        CallOutcome.FAILED,
                        CallOutcome.NOT_PERMITTED);
        assertThat(calls)
                .extracting(ServiceCall::service)
                .containsExactly("github", "github", "github", "slack", "slack");
        assertThat(calls).allSatisfy(c -> assertThat(c.duration().isNegative()).isFalse());
    }

    @Test
    void aBrokenCallListenerNeverChangesTheCallsResult() {
        guards.addCallListener(c -> {
            throw new IllegalStateException("metrics broke");
        });
        assertThat(guards.call("slack", () -> 42)).isEqualTo(42);
    }

    @Test
    void registrationListenersSeeKnownServicesAndEveryNewOneOnce() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Runnable unsubscribe = guards.addRegistrationListener(seen::add);
        assertThat(seen).containsExactly("s3:eu-central-1");

        guards.register("matrix");
        guards.status("matrix");
        guards.call("matrix", () -> 1);
        guards.call("git:origin", () -> 1);
        assertThat(seen).containsExactly("s3:eu-central-1", "matrix", "git:origin");

        unsubscribe.run();
        guards.register("mastodon");
        assertThat(seen).doesNotContain("mastodon");
    }
}
