package io.releasekit.api.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.security.authentication.Authentication;
import io.releasekit.api.security.Roles;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** What every console page and form shares: the CSRF check, and the user and their roles for the layout. */
final class ConsoleForms {

    private ConsoleForms() {}

    /** Refuses (403) a form without the session's CSRF token. */
    static void requireCsrf(HttpRequest<?> request, Map<String, String> form) {
        if (!ConsoleSession.csrfValid(request, form.get(ConsoleSession.CSRF_FIELD))) {
            throw new HttpStatusException(
                    HttpStatus.FORBIDDEN, "the form's CSRF token is missing or not this session's: reload the page");
        }
    }

    /** The model every page starts from: who is logged in, what they may do, the CSRF token of their forms. */
    static Map<String, Object> model(HttpRequest<?> request, Authentication user, String page) {
        Collection<String> roles = user.getRoles();
        Map<String, Object> m = new HashMap<>();
        m.put("page", page);
        m.put("user", user.getName());
        m.put("roles", String.join(", ", roles));
        m.put(
                "canStart",
                roles.contains(Roles.CI) || roles.contains(Roles.RELEASE_MANAGER) || roles.contains(Roles.ADMIN));
        m.put("canApprove", roles.contains(Roles.RELEASE_MANAGER) || roles.contains(Roles.ADMIN));
        m.put("isAdmin", roles.contains(Roles.ADMIN));
        m.put("csrf", ConsoleSession.token(request).map(ConsoleSession::csrf).orElse(""));
        return m;
    }
}
