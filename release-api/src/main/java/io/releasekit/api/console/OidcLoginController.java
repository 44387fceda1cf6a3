package io.releasekit.api.console;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's login at the identity provider ({@link ConsoleOidc}): {@code /console/login/oidc} sends the browser
 * there, {@code /console/login/oidc/callback} takes it back and keeps the token in the same HttpOnly, SameSite=Strict
 * session cookie a pasted token gets. The callback answers a small page that moves on to the console itself: the
 * browser would not send a Strict cookie on a redirect that continues the provider's cross-site navigation.
 */
@Hidden
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = ConsoleOidc.class)
class OidcLoginController {

    private static final Logger LOG = LoggerFactory.getLogger(OidcLoginController.class);

    private static final String ARRIVED =
            """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/console">
            <title>Logged in - releasekit</title></head>
            <body><p id="arrived">Logged in. <a href="/console">Continue to the console</a>.</p></body></html>
            """;

    private final ConsoleOidc oidc;

    OidcLoginController(ConsoleOidc oidc) {
        this.oidc = oidc;
    }

    @Get("/console/login/oidc")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<?> start(HttpRequest<?> request) {
        try {
            ConsoleOidc.Start start = oidc.start(request);
            return HttpResponse.seeOther(start.redirect()).cookie(start.transaction());
        } catch (ConsoleOidc.Failure e) {
            return refused(e, request);
        }
    }

    @Get(value = "/console/login/oidc/callback", produces = MediaType.TEXT_HTML)
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<?> callback(
            @Nullable @QueryValue String code,
            @Nullable @QueryValue String state,
            @Nullable @QueryValue String error,
            HttpRequest<?> request) {
        try {
            if (error != null) {
                throw new ConsoleOidc.Failure("the provider refused the login: " + error.replaceAll("[^\\w.-]", "?"));
            }
            String token = oidc.complete(
                    code,
                    state,
                    request.getCookies().findCookie(ConsoleOidc.TRANSACTION).map(Cookie::getValue),
                    request);
            return HttpResponse.ok(ARRIVED)
                    .contentType(MediaType.TEXT_HTML_TYPE)
                    .cookie(ConsoleSession.cookie(token, request.isSecure()))
                    .cookie(spentTransaction(request));
        } catch (ConsoleOidc.Failure e) {
            return refused(e, request);
        }
    }

    private static HttpResponse<?> refused(ConsoleOidc.Failure e, HttpRequest<?> request) {
        LOG.warn("console login at the identity provider refused: {}", e.getMessage());
        return HttpResponse.seeOther(URI.create(ConsoleSession.PATH + "/login?error=oidc"))
                .cookie(spentTransaction(request));
    }

    private static Cookie spentTransaction(HttpRequest<?> request) {
        return Cookie.of(ConsoleOidc.TRANSACTION, "")
                .httpOnly(true)
                .path(ConsoleOidc.CALLBACK)
                .maxAge(0)
                .secure(request.isSecure());
    }
}
