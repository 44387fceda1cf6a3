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
import io.releasekit.api.calendar.ReleaseSchedule;
import io.releasekit.api.calendar.Schedules;
import io.releasekit.api.security.Roles;
import io.releasekit.core.ReleaseException;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The release calendar: every schedule with its cron expression, zone, run kind, next fire time (in its zone) and last
 * firing; release managers pause and resume schedules here.
 */
@Hidden
@Controller("/console/schedules")
@ExecuteOn(TaskExecutors.BLOCKING)
class SchedulesPageController {

    private final Schedules schedules;

    SchedulesPageController(Schedules schedules) {
        this.schedules = schedules;
    }

    @Get(produces = MediaType.TEXT_HTML)
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    ModelAndView<Map<String, Object>> list(
            @Nullable @QueryValue String notice, HttpRequest<?> request, Authentication user) {
        Map<String, Object> m = ConsoleForms.model(request, user, "schedules");
        m.put("schedules", schedules.list().stream().map(this::row).toList());
        m.put("notice", notice);
        return new ModelAndView<>("console/schedules", m);
    }

    @Post(value = "/pause", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({Roles.RELEASE_MANAGER, Roles.ADMIN})
    HttpResponse<?> pause(@Body Map<String, String> form, HttpRequest<?> request) {
        return act(form, request, schedules::pause, "paused");
    }

    @Post(value = "/resume", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({Roles.RELEASE_MANAGER, Roles.ADMIN})
    HttpResponse<?> resume(@Body Map<String, String> form, HttpRequest<?> request) {
        return act(form, request, schedules::resume, "resumed");
    }

    private static HttpResponse<?> act(
            Map<String, String> form, HttpRequest<?> request, Consumer<String> action, String done) {
        ConsoleForms.requireCsrf(request, form);
        String name = form.getOrDefault("schedule", "").strip();
        try {
            action.accept(name);
            return RunsPageController.seeOther("/console/schedules", name + " " + done);
        } catch (ReleaseException e) {
            return RunsPageController.seeOther("/console/schedules", e.getMessage());
        }
    }

    private Map<String, Object> row(ReleaseSchedule s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.id());
        m.put("cron", s.spec().calendar().cron());
        m.put("zone", s.spec().calendar().zone());
        m.put("kind", s.spec().kind());
        m.put("paused", s.paused());
        m.put("next", schedules.nextFire(s).map(at -> local(s, at)).orElse("—"));
        m.put("missedFire", s.spec().missedFire().value());
        m.put("exceptions", String.join(", ", s.spec().exceptions()));
        ReleaseSchedule.LastFire f = s.lastFire();
        m.put("last", f == null ? "never" : local(s, f.at()) + ": " + f.outcome());
        m.put("lastRun", f == null ? null : f.runId());
        return m;
    }

    private static String local(ReleaseSchedule s, Instant at) {
        return at.atZone(s.spec().calendar().zoneId()).format(DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm z"));
    }
}
