package io.releasekit.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/** While a health indicator says DOWN, the health endpoints answer 503 (HealthStatusFilter, as the library's does). */
@MicronautTest
@Property(name = "test.health.down", value = "true")
class HealthStatusFilterTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void answers503WhileDown() {
        for (String path : List.of("/health", "/health/readiness")) {
            HttpResponse<?> response;
            try {
                response = client.toBlocking().exchange(HttpRequest.GET(path), String.class);
            } catch (HttpClientResponseException e) {
                response = e.getResponse();
            }
            assertThat(response.code()).as(path).isEqualTo(503);
        }
    }

    /** A part that is down; present only in this test's context. */
    @Singleton
    @Requires(property = "test.health.down", value = "true")
    static class Down implements HealthIndicator {
        @Override
        public Publisher<HealthResult> getResult() {
            return Mono.just(
                    HealthResult.builder("test-down", HealthStatus.DOWN).build());
        }
    }
}
