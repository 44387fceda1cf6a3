package io.releasekit.api.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.releasekit.api.TestTokens;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.service.ServiceGuards;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@MicronautTest
class ServiceObservabilityApiTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ServiceGuards guards;

    @Test
    void prometheusShowsBreakerStatesAndCallsByOutcomeForServicesRegisteredAfterStartup() {
        guards.call("slack", () -> "ok");
        guards.call("slack", () -> "ok");
        assertThatThrownBy(() -> guards.call("slack", () -> {
                    throw new NotFoundException("no channel #nope");
                }))
                .isInstanceOf(NotFoundException.class);
        forceOpen("matrix");
        assertThatThrownBy(() -> guards.call("matrix", () -> "never")).isInstanceOf(ServiceUnavailableException.class);

        String scrape = client.toBlocking()
                .retrieve(HttpRequest.GET("/prometheus").bearerAuth(TestTokens.READER), String.class);

        assertThat(scrape)
                .containsPattern(line("releasekit_service_calls_total", "outcome=\"successful\",service=\"slack\"", 2))
                .containsPattern(
                        line("releasekit_service_calls_total", "outcome=\"ignored_error\",service=\"slack\"", 1))
                .containsPattern(line("releasekit_service_calls_total", "outcome=\"failed\",service=\"slack\"", 0))
                .containsPattern(
                        line("releasekit_service_calls_total", "outcome=\"not_permitted\",service=\"matrix\"", 1))
                .containsPattern(line("releasekit_service_breaker_state", "service=\"slack\",state=\"closed\"", 1))
                .containsPattern(line("releasekit_service_breaker_state", "service=\"slack\",state=\"open\"", 0))
                .containsPattern(
                        line("releasekit_service_breaker_state", "service=\"matrix\",state=\"forced_open\"", 1))
                .containsPattern(line("releasekit_service_breaker_state", "service=\"matrix\",state=\"closed\"", 0));
    }

    @Test
    void prometheusAlsoShowsResilience4jsOwnMetersOfTheGuardsRegistries() {
        guards.call("mastodon", () -> "ok");
        forceOpen("webhook:deploys");

        String scrape = client.toBlocking()
                .retrieve(HttpRequest.GET("/prometheus").bearerAuth(TestTokens.READER), String.class);

        assertThat(scrape)
                .containsPattern(line("resilience4j_circuitbreaker_state", "name=\"mastodon\",state=\"closed\"", 1))
                .containsPattern(
                        line("resilience4j_circuitbreaker_state", "name=\"webhook:deploys\",state=\"forced_open\"", 1))
                .containsPattern(line(
                        "resilience4j_retry_calls_total", "kind=\"successful_without_retry\",name=\"mastodon\"", 1))
                .contains("resilience4j_timelimiter_calls_total{kind=\"successful\",name=\"mastodon\"}");
    }

    @Test
    void prometheusNeedsAToken() {
        assertThatThrownBy(() -> client.toBlocking()
                        .exchange(
                                HttpRequest.GET("/prometheus").header("Authorization", "Bearer rk_not_a_known_token")))
                .isInstanceOfSatisfying(
                        HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(401));
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthListsEveryBreakerAndStaysUpWhileAServiceIsDown() {
        guards.register("mastodon");
        forceOpen("s3:us-east-1");

        Map<String, Object> health = client.toBlocking()
                .retrieve(
                        HttpRequest.GET("/health").bearerAuth(TestTokens.READER),
                        Argument.mapOf(String.class, Object.class));

        assertThat(health).containsEntry("status", "UP");
        Map<String, Object> services =
                (Map<String, Object>) ((Map<String, Object>) health.get("details")).get(ServicesHealthIndicator.NAME);
        assertThat(services).containsEntry("status", "UP");
        Map<String, Object> details = (Map<String, Object>) services.get("details");
        assertThat((List<String>) details.get("unavailable")).containsExactly("s3:us-east-1");
        Map<String, Map<String, Object>> breakers = (Map<String, Map<String, Object>>) details.get("breakers");
        assertThat(breakers.get("s3:us-east-1")).containsEntry("state", "FORCED_OPEN");
        assertThat(breakers.get("mastodon")).containsEntry("state", "CLOSED");
    }

    @Test
    void anonymousHealthShowsTheStatusWithoutBreakerDetails() {
        forceOpen("github");
        Map<String, Object> health = client.toBlocking()
                .retrieve(
                        HttpRequest.GET("/health").header("Authorization", "Basic Og=="),
                        Argument.mapOf(String.class, Object.class));
        assertThat(health).containsEntry("status", "UP").doesNotContainKey("details");
    }

    @Test
    void adminsForceABreakerOpenAndResetIt() {
        Map<String, Object> opened = forceOpen("webhook:deploys");
        assertThat(opened).containsEntry("service", "webhook:deploys").containsEntry("state", "FORCED_OPEN");
        assertThat(guards.status("webhook:deploys").state().name()).isEqualTo("FORCED_OPEN");

        Map<String, Object> closed = client.toBlocking()
                .retrieve(
                        HttpRequest.POST("/api/v1/services/webhook:deploys/reset", ""),
                        Argument.mapOf(String.class, Object.class));
        assertThat(closed).containsEntry("state", "CLOSED");
        assertThat(guards.call("webhook:deploys", () -> "reachable again")).isEqualTo("reachable again");
    }

    @Test
    void onlyAdminsMayForceABreaker() {
        for (String token : List.of(TestTokens.CI, TestTokens.RELEASE_MANAGER_1, TestTokens.READER)) {
            assertThatThrownBy(() -> client.toBlocking()
                            .exchange(HttpRequest.POST("/api/v1/services/github/force-open", "")
                                    .bearerAuth(token)))
                    .isInstanceOfSatisfying(
                            HttpClientResponseException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(403));
        }
        assertThat(guards.status("github").state().name()).isEqualTo("CLOSED");
    }

    @Test
    void aMalformedServiceNameIsRejectedNaming() {
        assertThatThrownBy(
                        () -> client.toBlocking().exchange(HttpRequest.POST("/api/v1/services/GitHub!/force-open", "")))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(400);
                    assertThat(e.getResponse().getBody(String.class))
                            .get()
                            .asString()
                            .contains("GitHub!");
                });
    }

    private Map<String, Object> forceOpen(String service) {
        return client.toBlocking()
                .retrieve(
                        HttpRequest.POST("/api/v1/services/" + service + "/force-open", ""),
                        Argument.mapOf(String.class, Object.class));
    }

    private static Pattern line(String metric, String labels, int value) {
        return Pattern.compile("(?m)^" + Pattern.quote(metric + "{" + labels + "}") + " " + value + "(\\.0)?$");
    }
}
