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
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.PreflightResult;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunRequest;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starting a run from the console: a form generated from the kind's parameter specs (text, checkbox, number, one
 * value per line for lists), with a preflight, a dry run and a real start. Reading the form needs any role; starting
 * needs what {@code POST /api/v1/runs} needs.
 */
@Hidden
@Controller("/console/start")
@ExecuteOn(TaskExecutors.BLOCKING)
class StartPageController {

    private final RunEngine engine;

    StartPageController(RunEngine engine) {
        this.engine = engine;
    }

    @Get(produces = MediaType.TEXT_HTML)
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    ModelAndView<Map<String, Object>> form(
            @Nullable @QueryValue String kind, HttpRequest<?> request, Authentication user) {
        return page(request, user, RunsPageController.blank(kind), Map.of(), null, null);
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    HttpResponse<?> submit(@Body Map<String, String> form, HttpRequest<?> request, Authentication user) {
        ConsoleForms.requireCsrf(request, form);
        String kind = form.getOrDefault("kind", "");
        String action = form.getOrDefault("action", "dry-run");
        try {
            ProcessDefinition d = engine.definition(kind)
                    .orElseThrow(() -> new io.releasekit.core.InvalidInputException("unknown run kind '" + kind + "'"));
            Map<String, Object> parameters = parameters(d.parameters(), form);
            if (action.equals("preflight")) {
                PreflightResult p = engine.preflight(kind, parameters);
                return HttpResponse.ok(
                        page(request, user, kind, form, null, p.describe().replace('_', '-')));
            }
            Run run =
                    engine.start(RunRequest.of(kind, parameters, user.getName()).withDryRun(!action.equals("start")));
            return RunsPageController.seeOther(
                    "/console/runs/" + run.id(), run.dryRun() ? "dry run started" : "run started");
        } catch (ReleaseException e) {
            return HttpResponse.badRequest(page(request, user, kind, form, e.getMessage(), null));
        }
    }

    private ModelAndView<Map<String, Object>> page(
            HttpRequest<?> request,
            Authentication user,
            String kind,
            Map<String, String> values,
            String error,
            String preflight) {
        Map<String, Object> m = ConsoleForms.model(request, user, "start");
        m.put(
                "kinds",
                engine.kinds().stream()
                        .map(d -> Map.of("kind", d.kind(), "description", d.description()))
                        .toList());
        m.put("kind", kind);
        m.put("error", error);
        m.put("preflight", preflight);
        engine.definition(kind == null ? "" : kind).ifPresent(d -> {
            m.put("description", d.description());
            m.put("fields", fields(d.parameters(), values));
        });
        return new ModelAndView<>("console/start", m);
    }

    /** One input per parameter, pre-filled with what was submitted. */
    static List<Map<String, Object>> fields(ParameterSpec spec, Map<String, String> values) {
        return spec.params().stream()
                .map(p -> {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("name", p.name());
                    f.put("input", "p." + p.name());
                    f.put("type", p.type().name());
                    f.put("required", p.required());
                    f.put("description", p.description() == null ? "" : p.description());
                    f.put("value", values.getOrDefault("p." + p.name(), ""));
                    return f;
                })
                .toList();
    }

    /** The form's {@code p.NAME} fields as typed parameters; empty ones are absent. */
    static Map<String, Object> parameters(ParameterSpec spec, Map<String, String> form) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ParameterSpec.Param p : spec.params()) {
            String raw = form.get("p." + p.name());
            if (p.type() == ParameterSpec.Type.BOOLEAN) {
                if (raw != null) {
                    out.put(p.name(), raw.equals("true") || raw.equals("on"));
                }
                continue;
            }
            if (raw == null || raw.isBlank()) {
                continue;
            }
            switch (p.type()) {
                case INTEGER -> {
                    try {
                        out.put(p.name(), Long.parseLong(raw.strip()));
                    } catch (NumberFormatException e) {
                        throw new io.releasekit.core.InvalidInputException(
                                "parameter '" + p.name() + "' must be an integer, not '" + raw + "'");
                    }
                }
                case STRING_LIST ->
                    out.put(
                            p.name(),
                            Arrays.stream(raw.split("[,\\n]"))
                                    .map(String::strip)
                                    .filter(s -> !s.isEmpty())
                                    .toList());
                default -> out.put(p.name(), raw.strip());
            }
        }
        return out;
    }
}
