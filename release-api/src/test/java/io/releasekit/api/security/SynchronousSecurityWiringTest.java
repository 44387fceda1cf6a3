package io.releasekit.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.BeanContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.releasekit.api.TestTokens;
import jakarta.inject.Inject;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.Fuseable;

/** With static tokens only, the service decides a request's security in place (SynchronousSecurityFilter). */
@MicronautTest
class SynchronousSecurityWiringTest {

    @Inject
    BeanContext context;

    @Test
    void replacesMicronautSecuritysFilterAndTokenFetcher() {
        assertThat(context.getBean(SecurityFilter.class)).isInstanceOf(SynchronousSecurityFilter.class);
        Collection<AuthenticationFetcher> fetchers = context.getBeansOfType(AuthenticationFetcher.class);
        assertThat(fetchers).hasAtLeastOneElementOfType(SynchronousTokenAuthenticationFetcher.class);
    }

    @Test
    void answersAStaticTokenWithAConstantPublisherAndRemembersTheToken() throws Exception {
        SynchronousTokenAuthenticationFetcher fetcher = context.getBean(SynchronousTokenAuthenticationFetcher.class);
        HttpRequest<?> request = HttpRequest.GET("/api/v1/services").bearerAuth(TestTokens.CI);

        Publisher<Authentication> found = fetcher.fetchAuthentication(request);

        assertThat(found).isInstanceOf(Fuseable.ScalarCallable.class);
        Authentication ci = (Authentication) ((Fuseable.ScalarCallable<?>) found).call();
        assertThat(ci.getName()).isEqualTo(TestTokens.CI_NAME);
        assertThat(ci.getRoles()).contains(Roles.CI);
        assertThat(ci.getAttributes()).containsEntry(StaticTokenValidator.AUTHENTICATED_BY, "static-token");
        assertThat(request.getAttribute(SecurityFilter.TOKEN)).contains(TestTokens.CI);
    }

    @Test
    void restrictsNoClientAddressByDefault() {
        // an empty list, not the library's 0.0.0.0 (the same meaning, but matched on every request)
        assertThat(context.getBean(io.micronaut.security.config.SecurityConfiguration.class)
                        .getIpPatterns())
                .isEmpty();
    }

    @Test
    void buildsNoTokenValidatedEventWhenNoBeanListens() {
        // the event's host and locale are resolved from the request's headers: not worth it for no listener
        // (TokenValidatedEventTest: with a listener, it gets one event per accepted token)
        assertThat(context.getBean(SynchronousTokenAuthenticationFetcher.class).publishesEvents())
                .isFalse();
    }

    @Test
    void answersAnUnknownTokenWithAConstantEmptyPublisher() throws Exception {
        SynchronousTokenAuthenticationFetcher fetcher = context.getBean(SynchronousTokenAuthenticationFetcher.class);
        HttpRequest<?> request = HttpRequest.GET("/api/v1/services").bearerAuth("rk_not_a_configured_token");

        Publisher<Authentication> found = fetcher.fetchAuthentication(request);

        assertThat(((Fuseable.ScalarCallable<?>) found).call()).isNull();
        assertThat(request.getAttribute(SecurityFilter.TOKEN)).isEmpty();
    }
}
