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
import io.micronaut.views.ModelAndView;
import io.releasekit.api.security.Roles;
import io.releasekit.core.ReleaseException;
import io.releasekit.core.run.PreflightResult;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.service.ServiceStatus;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Services: every breaker's state, forcing one open (declaring an outage) or resetting it for admins, and a preflight
 * per run kind — GO, GO-DEGRADED or NO-GO — as it would answer now.
 */
@Hidden
@Controller("/console/services")
@ExecuteOn(TaskExecutors.BLOCKING)
class ServicesPageController {

    private final ServiceGuards guards;
    private final RunEngine engine;

    ServicesPageController(ServiceGuards guards, RunEngine engine) {
        this.guards = guards;
        this.engine = engine;
    }

    @Get(produces = MediaType.TEXT_HTML)
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    ModelAndView<Map<String, Object>> services(
            @Nullable @QueryValue String notice, HttpRequest<?> request, Authentication user) {
        Map<String, Object> m = ConsoleForms.model(request, user, "services");
        m.put(
                "services",
                guards.statuses().stream().map(ServicesPageController::row).toList());
        m.put("preflights", engine.kinds().stream().map(this::preflight).toList());
        m.put("notice", notice);
        return new ModelAndView<>("console/services", m);
    }

    @Post(value = "/force-open", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured(Roles.ADMIN)
    HttpResponse<?> forceOpen(@Body Map<String, String> form, HttpRequest<?> request) {
        ConsoleForms.requireCsrf(request, form);
        String service = form.getOrDefault("service", "").strip();
        try {
            guards.forceOpen(service);
            return RunsPageController.seeOther("/console/services", service + " forced open");
        } catch (ReleaseException e) {
            return RunsPageController.seeOther("/console/services", e.getMessage());
        }
    }

    @Post(value = "/reset", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured(Roles.ADMIN)
    HttpResponse<?> reset(@Body Map<String, String> form, HttpRequest<?> request) {
        ConsoleForms.requireCsrf(request, form);
        String service = form.getOrDefault("service", "").strip();
        try {
            guards.reset(service);
            return RunsPageController.seeOther("/console/services", service + " reset");
        } catch (ReleaseException e) {
            return RunsPageController.seeOther("/console/services", e.getMessage());
        }
    }

    private static Map<String, Object> row(ServiceStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", s.service());
        m.put("state", s.state().name());
        m.put("down", s.down());
        m.put("failureRate", s.failureRate() < 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", s.failureRate()));
        m.put("calls", s.bufferedCalls());
        m.put("failed", s.failedCalls());
        m.put("refused", s.notPermittedCalls());
        return m;
    }

    /** A kind's preflight with no parameters; a kind whose steps need parameters says so instead. */
    private Map<String, Object> preflight(ProcessDefinition d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", d.kind());
        try {
            PreflightResult p = engine.preflight(d.kind(), Map.of());
            m.put("verdict", p.verdict().name().replace('_', '-'));
            m.put("detail", detail(p));
        } catch (ReleaseException e) {
            List<String> required = d.parameters().params().stream()
                    .filter(x -> x.required())
                    .map(x -> x.name())
                    .toList();
            m.put("verdict", "NEEDS-PARAMETERS");
            m.put("detail", "preflight from the start form: needs " + String.join(", ", required));
        }
        return m;
    }

    private static String detail(PreflightResult p) {
        return switch (p.verdict()) {
            case GO -> "services " + p.checkedServices();
            case GO_DEGRADED -> "would defer " + p.deferredSteps();
            case NO_GO -> "strict services down " + p.strictServicesDown();
        };
    }
}
