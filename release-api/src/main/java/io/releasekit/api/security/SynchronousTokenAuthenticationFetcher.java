package io.releasekit.api.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.event.TokenValidatedEvent;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.token.TokenAuthenticationFetcher;
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
 */
@Singleton
@Replaces(TokenAuthenticationFetcher.class)
@Requires(beans = HttpHostResolver.class)
public class SynchronousTokenAuthenticationFetcher extends TokenAuthenticationFetcher {

    private final TokenResolver<HttpRequest<?>> resolver;
    private final List<StaticTokenValidator> staticValidators;

    SynchronousTokenAuthenticationFetcher(
            List<TokenValidator<HttpRequest<?>>> tokenValidators,
            TokenResolver<HttpRequest<?>> tokenResolver,
            ApplicationEventPublisher<TokenValidatedEvent> tokenValidatedEventPublisher,
            HttpHostResolver httpHostResolver,
            HttpLocaleResolver httpLocaleResolver) {
        super(tokenValidators, tokenResolver, tokenValidatedEventPublisher, httpHostResolver, httpLocaleResolver);
        this.resolver = tokenResolver;
        boolean allStatic = tokenValidators.stream().allMatch(StaticTokenValidator.class::isInstance);
        this.staticValidators = allStatic
                ? tokenValidators.stream().map(StaticTokenValidator.class::cast).toList()
                : null;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        if (staticValidators == null) {
            return super.fetchAuthentication(request);
        }
        for (String token : resolver.resolveTokens(request)) {
            for (StaticTokenValidator validator : staticValidators) {
                Optional<Authentication> authentication = validator.authenticate(token);
                if (authentication.isPresent()) {
                    request.setAttribute(SecurityFilter.TOKEN, token);
                    tokenValidatedEventPublisher.publishEvent(new TokenValidatedEvent(
                            token, httpHostResolver.resolve(request), httpLocaleResolver.resolveOrDefault(request)));
                    return Mono.just(authentication.get());
                }
            }
        }
        return Mono.empty();
    }
}
