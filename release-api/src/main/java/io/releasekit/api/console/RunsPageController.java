package io.releasekit.api.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.releasekit.api.security.Roles;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunQuery;
import io.releasekit.core.run.RunState;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The console's run pages: the list of runs with filters and paging, and one run with its steps and timeline. */
@Hidden
@Controller("/console")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
class RunsPageController {

    /** Runs per page. */
    static final int PAGE_SIZE = 20;

    /** The newest runs the list filters by requester and pages through. */
    static final int SCAN = 1000;

    private final RunEngine engine;

    RunsPageController(RunEngine engine) {
        this.engine = engine;
    }

    @Get(produces = MediaType.TEXT_HTML)
    ModelAndView<Map<String, Object>> runs(
            @Nullable @QueryValue String kind,
            @Nullable @QueryValue String state,
            @Nullable @QueryValue String requester,
            @QueryValue(defaultValue = "1") int page,
            HttpRequest<?> request,
            Authentication user) {
        int p = Math.max(1, page);
        Optional<RunState> st = parseState(state);
        List<Run> matching = engine.list(new RunQuery(st, Optional.ofNullable(blank(kind)), SCAN)).stream()
                .filter(r -> blank(requester) == null || r.requestedBy().equals(requester.strip()))
                .toList();
        int from = Math.min((p - 1) * PAGE_SIZE, matching.size());
        List<Run> shown = matching.subList(from, Math.min(from + PAGE_SIZE, matching.size()));
        Map<String, Object> m = ConsoleForms.model(request, user, "runs");
        m.put("runs", shown.stream().map(RunsPageController::row).toList());
        m.put(
                "kinds",
                engine.kinds().stream().map(ProcessDefinition::kind).sorted().toList());
        m.put("states", Arrays.stream(RunState.values()).map(Enum::name).toList());
        m.put("kind", blank(kind));
        m.put("state", st.map(Enum::name).orElse(null));
        m.put("requester", blank(requester));
        m.put("pageNumber", p);
        m.put("hasPrevious", p > 1);
        m.put("hasNext", from + PAGE_SIZE < matching.size());
        m.put("total", matching.size());
        m.put("query", query(blank(kind), st.map(Enum::name).orElse(null), blank(requester)));
        return new ModelAndView<>("console/runs", m);
    }

    @Get(value = "/runs/{id}", produces = MediaType.TEXT_HTML)
    ModelAndView<Map<String, Object>> run(
            @PathVariable String id, @Nullable @QueryValue String notice, HttpRequest<?> request, Authentication user) {
        Run run = engine.run(id);
        Map<String, Object> m = ConsoleForms.model(request, user, "runs");
        m.putAll(runModel(run));
        m.put("notice", notice);
        List<io.releasekit.core.run.RunEvent> seen = engine.events(id, 0);
        m.put("after", seen.isEmpty() ? 0 : seen.get(seen.size() - 1).sequence());
        return new ModelAndView<>("console/run", m);
    }

    /** The part of the run page that live updates replace: state, steps, timeline. */
    @Get(value = "/runs/{id}/steps", produces = MediaType.TEXT_HTML)
    ModelAndView<Map<String, Object>> steps(@PathVariable String id) {
        return new ModelAndView<>("console/run-steps", runModel(engine.run(id)));
    }

    Map<String, Object> runModel(Run run) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("run", run);
        m.put("state", run.state().name());
        m.put("ended", run.state().terminal());
        m.put("parameters", run.parameters().asMap());
        m.put("steps", RunViews.steps(run));
        m.put("approvals", RunViews.approvals(run));
        m.put("bars", RunViews.timeline(run, Instant.now()));
        m.put("timelineHeight", RunViews.timelineHeight(run));
        m.put("timelineWidth", RunViews.WIDTH);
        m.put("created", RunViews.time(run.createdAt()));
        m.put("planned", run.steps().stream().mapToInt(s -> s.planned().size()).sum());
        return m;
    }

    static Map<String, Object> row(Run r) {
        return Map.of(
                "id", r.id(),
                "kind", r.kind(),
                "state", r.state().name(),
                "dryRun", r.dryRun(),
                "requestedBy", r.requestedBy(),
                "created", RunViews.time(r.createdAt()));
    }

    private static Optional<RunState> parseState(String state) {
        if (blank(state) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(RunState.valueOf(state.strip()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    "state '" + state + "' is not one of " + Arrays.toString(RunState.values()));
        }
    }

    private static String query(String kind, String state, String requester) {
        StringBuilder b = new StringBuilder();
        append(b, "kind", kind);
        append(b, "state", state);
        append(b, "requester", requester);
        return b.toString();
    }

    private static void append(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append('&')
                    .append(name)
                    .append('=')
                    .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Redirect after a form: to a page, with a notice to show. */
    static HttpResponse<?> seeOther(String path, String notice) {
        String q = notice == null
                ? ""
                : (path.contains("?") ? "&" : "?") + "notice="
                        + java.net.URLEncoder.encode(notice, java.nio.charset.StandardCharsets.UTF_8);
        return HttpResponse.seeOther(java.net.URI.create(path + q));
    }
}
