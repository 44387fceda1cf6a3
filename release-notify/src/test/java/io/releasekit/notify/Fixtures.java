package io.releasekit.notify;

import io.releasekit.core.redact.Redactor;
import io.releasekit.core.service.GuardConfig;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.notify.internal.HttpCall;
import io.releasekit.notify.internal.HttpChannel;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** Shared settings of the adapter tests. */
public final class Fixtures {

    /** The time limit configured on every adapter under test; WireMock delays go past it. */
    public static final Duration TIMEOUT = Duration.ofMillis(1500);

    private static final AtomicBoolean WARM = new AtomicBoolean();

    private Fixtures() {}

    /**
     * Makes one request with a generous time limit, once per JVM: a cold JVM spends seconds loading the HTTP client's
     * classes on its first request (measured here: 2 s on a loaded machine), which would make the time-limit tests
     * depend on the machine's load instead of on WireMock's delays.
     */
    public static void warmUp(String baseUrl) {
        if (WARM.compareAndSet(false, true)) {
            try (HttpChannel http =
                    new HttpChannel("warm-up", URI.create(baseUrl), Duration.ofSeconds(60), Redactor.none())) {
                http.send(HttpCall.get("/__warm-up"), "warm-up");
            }
        }
    }

    /**
     * Guards that decide fast: one attempt, the breaker opens when 2 of the last 2 calls failed and lets a probe
     * through after 400 ms.
     */
    public static ServiceGuards fastGuards() {
        return ServiceGuards.builder()
                .defaults(GuardConfig.defaults()
                        .withMaxAttempts(1)
                        .withWindow(2, 2)
                        .withWaits(Duration.ofMillis(400), Duration.ofMillis(10))
                        .withTimeout(Duration.ofSeconds(3)))
                .build();
    }
}
