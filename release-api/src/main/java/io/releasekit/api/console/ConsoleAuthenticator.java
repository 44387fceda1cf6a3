package io.releasekit.api.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Flux;

/**
 * Checks a token for the console with the API's own token validators (static tokens, JWT signature, expiry, issuer and
 * audience, the role claims): a token the console keeps in its session is one the API would accept, with the same
 * roles.
 */
@Singleton
final class ConsoleAuthenticator {

    private final List<TokenValidator<HttpRequest<?>>> validators;

    ConsoleAuthenticator(List<TokenValidator<HttpRequest<?>>> validators) {
        this.validators = validators;
    }

    /** Who the token authenticates, or empty when no validator accepts it. */
    Optional<Authentication> authenticate(String token, HttpRequest<?> request) {
        return Optional.ofNullable(Flux.fromIterable(validators)
                .concatMap(v -> v.validateToken(token, request))
                .onErrorResume(e -> Flux.empty())
                .next()
                .block());
    }
}
