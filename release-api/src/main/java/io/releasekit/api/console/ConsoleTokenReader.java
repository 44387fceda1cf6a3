package io.releasekit.api.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Reads the console's session cookie as a bearer token, for console paths only: the same token validators as the
 * API's {@code Authorization} header then decide who the user is and which roles they hold.
 */
@Singleton
final class ConsoleTokenReader implements TokenReader<HttpRequest<?>> {

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        String path = request.getPath();
        if (!path.equals(ConsoleSession.PATH) && !path.startsWith(ConsoleSession.PATH + "/")) {
            return Optional.empty();
        }
        return ConsoleSession.token(request);
    }
}
