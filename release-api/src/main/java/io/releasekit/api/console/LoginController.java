package io.releasekit.api.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The console's entrance: {@code /} leads a browser to it, the login page takes a bearer token (the same tokens as
 * the API: static tokens, or a JWT from the identity provider when JWT is configured) and keeps it in the session
 * cookie, or offers the identity provider's login ({@link OidcLoginController}) when it is configured; logout drops
 * the cookie.
 */
@Hidden
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class LoginController {

    private final ConsoleAuthenticator authenticator;
    private final Optional<ConsoleOidc> oidc;

    LoginController(ConsoleAuthenticator authenticator, Optional<ConsoleOidc> oidc) {
        this.authenticator = authenticator;
        this.oidc = oidc;
    }

    /** A browser that opens the service's root lands in the console (its login page when not logged in). */
    @Get(produces = MediaType.TEXT_HTML)
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<?> root() {
        return HttpResponse.seeOther(URI.create(ConsoleSession.PATH));
    }

    @Get(value = "/console/login", produces = MediaType.TEXT_HTML)
    @Secured(SecurityRule.IS_ANONYMOUS)
    ModelAndView<Map<String, Object>> page(@Nullable @QueryValue String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("error", error);
        model.put("oidc", oidc.map(ConsoleOidc::providerName).orElse(null));
        return new ModelAndView<>("console/login", model);
    }

    @Post(value = "/console/login", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<?> login(@Body Map<String, String> form, HttpRequest<?> request) {
        String token = form.getOrDefault("token", "").strip();
        Optional<Authentication> who = token.isEmpty() ? Optional.empty() : authenticator.authenticate(token, request);
        if (who.isEmpty()) {
            return HttpResponse.seeOther(URI.create(ConsoleSession.PATH + "/login?error=invalid"));
        }
        return HttpResponse.seeOther(URI.create(ConsoleSession.PATH))
                .cookie(ConsoleSession.cookie(token, request.isSecure()));
    }

    @Post(value = "/console/logout", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<?> logout(@Body Map<String, String> form, HttpRequest<?> request) {
        ConsoleForms.requireCsrf(request, form);
        return HttpResponse.seeOther(URI.create(ConsoleSession.PATH + "/login"))
                .cookie(ConsoleSession.expired(request.isSecure()));
    }
}
