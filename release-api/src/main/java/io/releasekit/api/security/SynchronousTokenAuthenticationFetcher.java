package io.releasekit.api.security;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.event.TokenValidatedEvent;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.micronaut.security.token.reader.DefaultTokenResolver;
import io.micronaut.security.token.reader.TokenReader;
import io.micronaut.security.token.reader.TokenResolver;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Micronaut Security's bearer-token fetcher, answering at once when every validator does: with only the static
 * tokens (the embedded default), a request's authentication is found without assembling a reactive chain per request
 * and comes back as a constant publisher that {@link SynchronousSecurityFilter} reads in place. The outcome is the
 * library's: the first presented token that a validator accepts, in the readers' and validators' order, sets the
 * {@code micronaut.TOKEN} attribute and publishes a {@link TokenValidatedEvent}. When any other validator takes part
 * (JWT), the library's own reactive path runs unchanged.
 *
 * <p>Two things the library does on every request are done only when they can matter: the event (with the host and
 * locale it carries, resolved from the request's headers) is built when some bean listens for it, and with the
 * library's default resolver the readers are asked in a plain loop instead of a stream collected per request. Together
 * they were about 1 µs of a 20 µs request (docs/benchmarks.md, session 7).
 */
@Singleton
@Replaces(TokenAuthenticationFetcher.class)
@Requires(beans = HttpHostResolver.class)
public class SynchronousTokenAuthenticationFetcher extends TokenAuthenticationFetcher {

    private final TokenResolver<HttpRequest<?>> resolver;
    private final List<StaticTokenValidator> staticValidators;
    /** The readers the library's default resolver asks, in its order; null when another resolver is in place. */
    private final @Nullable List<TokenReader<HttpRequest<?>>> readers;
    /** Whether any bean listens for {@link TokenValidatedEvent}s (the bean definitions are fixed at start). */
    private final boolean eventListened;

    SynchronousTokenAuthenticationFetcher(
            List<TokenValidator<HttpRequest<?>>> tokenValidators,
            TokenResolver<HttpRequest<?>> tokenResolver,
            List<TokenReader<HttpRequest<?>>> tokenReaders,
            ApplicationEventPublisher<TokenValidatedEvent> tokenValidatedEventPublisher,
            HttpHostResolver httpHostResolver,
            HttpLocaleResolver httpLocaleResolver,
            BeanContext beanContext) {
        super(tokenValidators, tokenResolver, tokenValidatedEventPublisher, httpHostResolver, httpLocaleResolver);
        this.resolver = tokenResolver;
        boolean allStatic = tokenValidators.stream().allMatch(StaticTokenValidator.class::isInstance);
        this.staticValidators = allStatic
                ? tokenValidators.stream().map(StaticTokenValidator.class::cast).toList()
                : null;
        this.readers = tokenResolver.getClass() == DefaultTokenResolver.class ? List.copyOf(tokenReaders) : null;
        this.eventListened = !beanContext
                .getBeanDefinitions(
                        ApplicationEventListener.class, Qualifiers.byTypeArguments(TokenValidatedEvent.class))
                .isEmpty();
    }

    /** Whether a validated token is announced with a {@link TokenValidatedEvent} (some bean listens for it). */
    boolean publishesEvents() {
        return eventListened;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        if (staticValidators == null) {
            return super.fetchAuthentication(request);
        }
        if (readers != null) {
            for (TokenReader<HttpRequest<?>> reader : readers) {
                Optional<String> token = reader.findToken(request);
                if (token.isPresent()) {
                    Authentication authentication = authenticate(request, token.get());
                    if (authentication != null) {
                        return Mono.just(authentication);
                    }
                }
            }
            return Mono.empty();
        }
        for (String token : resolver.resolveTokens(request)) {
            Authentication authentication = authenticate(request, token);
            if (authentication != null) {
                return Mono.just(authentication);
            }
        }
        return Mono.empty();
    }

    /** The authentication of a presented token that a static validator accepts, or null. */
    private @Nullable Authentication authenticate(HttpRequest<?> request, String token) {
        for (StaticTokenValidator validator : staticValidators) {
            Optional<Authentication> authentication = validator.authenticate(token);
            if (authentication.isPresent()) {
                request.setAttribute(SecurityFilter.TOKEN, token);
                if (eventListened) {
                    tokenValidatedEventPublisher.publishEvent(new TokenValidatedEvent(
                            token, httpHostResolver.resolve(request), httpLocaleResolver.resolveOrDefault(request)));
                }
                return authentication.get();
            }
        }
        return null;
    }
}
