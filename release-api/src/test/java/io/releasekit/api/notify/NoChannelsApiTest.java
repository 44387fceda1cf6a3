package io.releasekit.api.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With no channel configured the application starts, lists no channel, and refuses announcements by name. */
@MicronautTest
class NoChannelsApiTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void startsWithNoChannels() {
        List<?> channels =
                client.toBlocking().retrieve(HttpRequest.GET("/api/v1/channels"), Argument.listOf(Map.class));
        assertThat(channels).isEmpty();
    }

    @Test
    void anAnnouncementToAnUnconfiguredChannelIsNotFound() {
        try {
            client.toBlocking()
                    .exchange(HttpRequest.POST(
                            "/api/v1/notifications", Map.of("channels", List.of("ops-slack"), "text", "hello")));
        } catch (HttpClientResponseException e) {
            assertThat(e.code()).isEqualTo(404);
            assertThat(e.getResponse().getBody(String.class).orElse("")).contains("configured: []");
            return;
        }
        throw new AssertionError("expected 404");
    }
}
