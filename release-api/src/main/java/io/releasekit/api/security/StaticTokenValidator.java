package io.releasekit.api.security;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Accepts the configured static bearer tokens: the principal is the token's name, its roles those configured (admin
 * expanded to every role). Any other token is left to the next validator (JWT when enabled), and rejected in the end.
 */
@Singleton
public class StaticTokenValidator implements TokenValidator<HttpRequest<?>> {

    /** The authentication attribute that says how the principal was authenticated. */
    public static final String AUTHENTICATED_BY = "authenticatedBy";

    private final StaticTokens tokens;

    StaticTokenValidator(StaticTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        return tokens.find(token)
                .map(e -> Publishers.just(
                        Authentication.build(e.name(), e.roles(), Map.of(AUTHENTICATED_BY, "static-token"))))
                .orElseGet(Publishers::empty);
    }
}
