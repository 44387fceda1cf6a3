package io.releasekit.api.console;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.authentication.WwwAuthenticateChallengeProvider;
import io.micronaut.security.config.RedirectConfiguration;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.errors.PriorToLoginPersistence;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Sends a browser that is not logged in from a console page (or {@code /}) to the console's login page instead of
 * answering 401; the API keeps its 401 and 403 problems.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
class ConsoleAuthorizationExceptionHandler extends DefaultAuthorizationExceptionHandler {

    ConsoleAuthorizationExceptionHandler(
            ErrorResponseProcessor<?> errorResponseProcessor,
            RedirectConfiguration redirectConfiguration,
            RedirectService redirectService,
            List<WwwAuthenticateChallengeProvider<HttpRequest<?>>> challengeProviders,
            @Nullable PriorToLoginPersistence priorToLoginPersistence) {
        super(
                errorResponseProcessor,
                redirectConfiguration,
                redirectService,
                challengeProviders,
                priorToLoginPersistence);
    }

    @Override
    protected boolean shouldRedirect(HttpRequest<?> request, AuthorizationException exception) {
        return (console(request) && !exception.isForbidden()) || super.shouldRedirect(request, exception);
    }

    @Override
    protected String getRedirectUri(HttpRequest<?> request, AuthorizationException exception) {
        return console(request) && !exception.isForbidden()
                ? ConsoleSession.PATH + "/login"
                : super.getRedirectUri(request, exception);
    }

    private static boolean console(HttpRequest<?> request) {
        String path = request.getPath();
        return path.equals("/") || path.equals(ConsoleSession.PATH) || path.startsWith(ConsoleSession.PATH + "/");
    }
}
