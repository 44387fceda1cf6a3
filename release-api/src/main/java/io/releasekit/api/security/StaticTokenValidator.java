package io.releasekit.api.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Accepts the configured static bearer tokens: the principal is the token's name, its roles those configured (admin
 * expanded to every role). Any other token is left to the next validator (JWT when enabled), and rejected in the end.
 *
 * <p>The answer is known at once (a hash and a comparison with every configured digest), so {@link #authenticate}
 * gives it without a publisher for {@link SynchronousTokenAuthenticationFetcher}. Each token's {@link Authentication}
 * is built once: it is immutable, and the set of static tokens is fixed for the life of the service.
 */
@Singleton
public class StaticTokenValidator implements TokenValidator<HttpRequest<?>> {

    /** The authentication attribute that says how the principal was authenticated. */
    public static final String AUTHENTICATED_BY = "authenticatedBy";

    private final StaticTokens tokens;
    private final Map<StaticTokens.Entry, Authentication> authentications = new IdentityHashMap<>();

    StaticTokenValidator(StaticTokens tokens) {
        this.tokens = tokens;
        for (StaticTokens.Entry e : tokens.entries()) {
            authentications.put(e, Authentication.build(e.name(), e.roles(), Map.of(AUTHENTICATED_BY, "static-token")));
        }
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        return Mono.justOrEmpty(authenticate(token));
    }

    /** The principal a presented token authenticates, or empty when it is not one of the static tokens. */
    public Optional<Authentication> authenticate(String token) {
        return tokens.find(token).map(authentications::get);
    }
}
