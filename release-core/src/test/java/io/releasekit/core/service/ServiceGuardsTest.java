package io.releasekit.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.RateLimitedException;
import io.releasekit.core.ServiceUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceGuardsTest {

    private final GuardConfig fast = GuardConfig.defaults()
            .withWindow(4, 4)
            .withWaits(Duration.ofMillis(300), Duration.ofMillis(1))
            .withMaxAttempts(1)
            .withTimeout(Duration.ofSeconds(5));
    private final ServiceGuards guards = ServiceGuards.builder().defaults(fast).build();

    @AfterEach
    void close() {
        guards.close();
    }

    @Test
    void opensTheBreakerAfterServiceFailuresAndRefusesCallsWithoutReachingTheService() {
        AtomicInteger reached = new AtomicInteger();
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> guards.call("github", () -> {
                        reached.incrementAndGet();
                        throw new ServiceUnavailableException("github", "503 from GitHub");
                    }))
                    .isInstanceOf(ServiceUnavailableException.class);
        }

        assertThat(guards.status("github").state()).isEqualTo(BreakerState.OPEN);
        assertThatThrownBy(() -> guards.call("github", () -> reached.incrementAndGet()))
                .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
                    assertThat(e.service()).isEqualTo("github");
                    assertThat(e.breakerState()).contains("OPEN");
                    assertThat(e.retryAfter()).isPresent();
                });
        assertThat(reached).hasValue(4);
    }

    @Test
    void clientErrorsNeverOpenTheBreaker() {
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> guards.call("github", () -> {
                        throw new NotFoundException("no release v9");
                    }))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> guards.call("github", () -> {
                        throw new InvalidInputException("bad tag");
                    }))
                    .isInstanceOf(InvalidInputException.class);
        }
        assertThat(guards.status("github").state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void rateLimitsAreNeitherCountedNorRetried() {
        ServiceGuards retrying =
                ServiceGuards.builder().defaults(fast.withMaxAttempts(3)).build();
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> retrying.call("github", () -> {
                        calls.incrementAndGet();
                        throw new RateLimitedException("github", "rate limit", Duration.ofMinutes(5), null);
                    }))
                    .isInstanceOf(RateLimitedException.class);
        }
        assertThat(calls).hasValue(6);
        assertThat(retrying.status("github").state()).isEqualTo(BreakerState.CLOSED);
        retrying.close();
    }

    @Test
    void retriesRetryableFailuresWithBackoff() {
        ServiceGuards retrying =
                ServiceGuards.builder().defaults(fast.withMaxAttempts(3)).build();
        AtomicInteger calls = new AtomicInteger();

        String result = retrying.call("s3:eu-central-1", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IOException("connection reset");
            }
            return "ok";
        });

        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
        retrying.close();
    }

    @Test
    void aCallPastItsTimeLimitFailsAsUnavailable() {
        ServiceGuards slow = ServiceGuards.builder()
                .defaults(fast.withTimeout(Duration.ofMillis(100)))
                .build();
        CountDownLatch never = new CountDownLatch(1);

        assertThatThrownBy(() -> slow.run("slack", never::await))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("time limit");
        slow.close();
    }

    @Test
    void halfOpensAfterTheWaitAndClosesOnASuccessfulProbe() {
        List<ServiceStateChange> changes = new CopyOnWriteArrayList<>();
        guards.addListener(changes::add);
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> guards.call("matrix", () -> {
                throw new IOException("reset");
            }));
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> guards.status("matrix").state() == BreakerState.HALF_OPEN);

        guards.call("matrix", () -> "probe 1");
        guards.call("matrix", () -> "probe 2");

        assertThat(guards.status("matrix").state()).isEqualTo(BreakerState.CLOSED);
        assertThat(changes)
                .extracting(ServiceStateChange::to)
                .containsExactly(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.CLOSED);
    }

    @Test
    void configuresByExactNameThenFamilyThenDefaults() {
        GuardConfig s3 = fast.withMaxAttempts(7);
        GuardConfig euCentral = fast.withMaxAttempts(9);
        ServiceGuards g = ServiceGuards.builder()
                .defaults(fast)
                .service("s3", s3)
                .service("s3:eu-central-1", euCentral)
                .build();
        assertThat(g.configFor("s3:eu-central-1")).isEqualTo(euCentral);
        assertThat(g.configFor("s3:us-east-1")).isEqualTo(s3);
        assertThat(g.configFor("github")).isEqualTo(fast);
        g.close();
    }

    @Test
    void refusesMalformedServiceNames() {
        assertThatThrownBy(() -> guards.status("Bad Name")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void listsRegisteredServicesSorted() {
        guards.register("sts:us-east-1").register("github").register("s3:eu-central-1");
        assertThat(guards.statuses())
                .extracting(ServiceStatus::service)
                .containsExactly("github", "s3:eu-central-1", "sts:us-east-1");
    }

    @Test
    void knowsConfiguredAndUsedServicesButNeverRegistersByAsking() {
        try (ServiceGuards g = ServiceGuards.builder()
                .service("github", fast)
                .service("s3", fast.withMaxAttempts(2))
                .build()) {
            assertThat(g.knows("github")).isTrue();
            assertThat(g.knows("slack")).isFalse();
            assertThat(g.knows("s3:eu-central-1"))
                    .as("a family's configuration names no service")
                    .isFalse();
            assertThat(g.knows(null)).isFalse();
            assertThat(g.statuses()).isEmpty();

            g.call("slack", () -> "ok");

            assertThat(g.knows("slack")).isTrue();
        }
    }

    @Test
    void eachServiceGetsItsInstancesFromResilience4jsRegistriesWithItsFamilysConfiguration() {
        try (ServiceGuards g = ServiceGuards.builder()
                .defaults(fast)
                .service("s3", fast.withMaxAttempts(4).withTimeout(Duration.ofSeconds(7)))
                .build()) {
            g.call("s3:eu-central-1", () -> "ok");
            g.call("github", () -> "ok");

            assertThat(g.retries().retry("s3:eu-central-1").getRetryConfig().getMaxAttempts())
                    .isEqualTo(4);
            assertThat(g.timeLimiters()
                            .timeLimiter("s3:eu-central-1")
                            .getTimeLimiterConfig()
                            .getTimeoutDuration())
                    .isEqualTo(Duration.ofSeconds(7));
            assertThat(g.retries().retry("github").getRetryConfig().getMaxAttempts())
                    .isEqualTo(1);
            assertThat(g.circuitBreakers().getAllCircuitBreakers())
                    .extracting(io.github.resilience4j.circuitbreaker.CircuitBreaker::getName)
                    .containsExactlyInAnyOrder("s3:eu-central-1", "github");
        }
    }

    @Test
    void aRegistrationListenerMayUseTheGuardsForTheNewServiceAtOnce() {
        java.util.List<ServiceStatus> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        guards.addRegistrationListener(service -> seen.add(guards.status(service)));

        guards.call("matrix", () -> "ok");

        assertThat(seen).extracting(ServiceStatus::service).containsExactly("matrix");
    }

    @Test
    void aRefusedCallNamesTheLastFailureOfTheServiceRedacted() {
        String sts = "sts:us-east-1";
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> guards.call(sts, () -> {
                        throw new ServiceUnavailableException(
                                sts,
                                "call to 'sts:us-east-1' failed",
                                new java.io.UncheckedIOException(new java.net.UnknownHostException(
                                        "sts.us-east-1.amazonaws.com (https://AKIA1234:s3cr3tvalue@sts.amazonaws.com"
                                                + "/?X-Amz-Signature=abcdef123456)")));
                    }))
                    .isInstanceOf(ServiceUnavailableException.class);
        }

        assertThat(guards.status(sts).state()).isEqualTo(BreakerState.OPEN);
        assertThat(guards.lastFailure(sts)).hasValueSatisfying(f -> assertThat(f)
                .contains("call to 'sts:us-east-1' failed")
                .contains("UnknownHostException: sts.us-east-1.amazonaws.com")
                .doesNotContain("s3cr3tvalue")
                .doesNotContain("abcdef123456"));
        assertThatThrownBy(() -> guards.call(sts, () -> "never reached"))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("circuit breaker is OPEN")
                .hasMessageContaining("last failure: call to 'sts:us-east-1' failed")
                .hasMessageContaining("UnknownHostException: sts.us-east-1.amazonaws.com")
                .message()
                .doesNotContain("s3cr3tvalue")
                .doesNotContain("abcdef123456");
        assertThat(guards.lastFailure("github")).isEmpty();
    }
}
