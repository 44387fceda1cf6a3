package io.releasekit.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.event.TokenValidatedEvent;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.releasekit.api.TestTokens;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** A bean that listens for {@link TokenValidatedEvent}s gets one per accepted static token, as with the library. */
@MicronautTest
@Property(name = "test.token-events.listen", value = "true")
class TokenValidatedEventTest {

    @Inject
    BeanContext context;

    @Inject
    Recorder recorder;

    @Test
    void aListenerGetsTheEventOfEachAcceptedTokenWithItsHost() {
        SynchronousTokenAuthenticationFetcher fetcher = context.getBean(SynchronousTokenAuthenticationFetcher.class);
        assertThat(fetcher.publishesEvents()).isTrue();
        recorder.events.clear();

        Mono.from(fetcher.fetchAuthentication(HttpRequest.GET("/api/v1/services")
                        .bearerAuth(TestTokens.CI)
                        .header("Host", "releases.example.com")))
                .block();
        Mono.from(fetcher.fetchAuthentication(
                        HttpRequest.GET("/api/v1/services").bearerAuth("rk_not_a_configured_token")))
                .block();

        assertThat(recorder.events).hasSize(1);
        assertThat(recorder.events.get(0).getSource()).isEqualTo(TestTokens.CI);
        assertThat(recorder.events.get(0).getHost()).contains("http://releases.example.com");
    }

    /** Records the events; present only in this test's context. */
    @Singleton
    @Requires(property = "test.token-events.listen", value = "true")
    static class Recorder implements ApplicationEventListener<TokenValidatedEvent> {
        final List<TokenValidatedEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(TokenValidatedEvent event) {
            events.add(event);
        }
    }
}
