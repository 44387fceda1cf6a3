package io.releasekit.api.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.releasekit.api.security.Roles;
import io.releasekit.core.ReleaseException;
import io.releasekit.core.run.Approval;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunQuery;
import io.releasekit.core.run.RunState;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Approvals: the runs awaiting approval, the two-person rule made visible (who approved, who still may, whether the
 * user may), and the forms to approve, reject and cancel. The engine decides, as for the API: a requester's own
 * approval is refused when the policy says so, and the page shows the refusal.
 */
@Hidden
@Controller("/console")
@ExecuteOn(TaskExecutors.BLOCKING)
class ApprovalsPageController {

    private final RunEngine engine;

    ApprovalsPageController(RunEngine engine) {
        this.engine = engine;
    }

    @Get(value = "/approvals", produces = MediaType.TEXT_HTML)
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    ModelAndView<Map<String, Object>> approvals(
            @Nullable @QueryValue String notice,
            @Nullable @QueryValue String error,
            HttpRequest<?> request,
            Authentication user) {
        List<Run> waiting = engine.list(new RunQuery(Optional.of(RunState.AWAITING_APPROVAL), Optional.empty(), 1000));
        Map<String, Object> m = ConsoleForms.model(request, user, "approvals");
        m.put("runs", waiting.stream().map(r -> row(r, user)).toList());
        m.put("notice", notice);
        m.put("error", error);
        return new ModelAndView<>("console/approvals", m);
    }

    @Post(value = "/runs/{id}/approve", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({Roles.RELEASE_MANAGER, Roles.ADMIN})
    HttpResponse<?> approve(
            @PathVariable String id, @Body Map<String, String> form, HttpRequest<?> request, Authentication user) {
        ConsoleForms.requireCsrf(request, form);
        return decide(
                () -> engine.approve(id, user.getName(), Set.copyOf(user.getRoles()), form.get("comment")), "approved");
    }

    @Post(value = "/runs/{id}/reject", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({Roles.RELEASE_MANAGER, Roles.ADMIN})
    HttpResponse<?> reject(
            @PathVariable String id, @Body Map<String, String> form, HttpRequest<?> request, Authentication user) {
        ConsoleForms.requireCsrf(request, form);
        return decide(
                () -> engine.reject(id, user.getName(), Set.copyOf(user.getRoles()), form.get("comment")), "rejected");
    }

    @Post(value = "/runs/{id}/cancel", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    HttpResponse<?> cancel(
            @PathVariable String id, @Body Map<String, String> form, HttpRequest<?> request, Authentication user) {
        ConsoleForms.requireCsrf(request, form);
        try {
            engine.cancel(id, user.getName());
            return RunsPageController.seeOther("/console/runs/" + id, "cancelled");
        } catch (ReleaseException e) {
            return RunsPageController.seeOther("/console/runs/" + id, e.getMessage());
        }
    }

    private static HttpResponse<?> decide(java.util.function.Supplier<Run> decision, String what) {
        try {
            Run run = decision.get();
            return RunsPageController.seeOther(
                    "/console/approvals", "run " + run.id() + " " + what + ": now " + run.state());
        } catch (ReleaseException e) {
            String q = "?error=" + java.net.URLEncoder.encode(e.getMessage(), java.nio.charset.StandardCharsets.UTF_8);
            return HttpResponse.seeOther(java.net.URI.create("/console/approvals" + q));
        }
    }

    /** A waiting run with its two-person rule spelled out for this user. */
    static Map<String, Object> row(Run r, Authentication user) {
        List<String> approvers =
                r.approvals().stream().map(Approval::principal).distinct().toList();
        boolean hasRole = user.getRoles().contains(r.approvalPolicy().role());
        boolean requester = r.requestedBy().equals(user.getName());
        String you;
        if (approvers.contains(user.getName())) {
            you = "You approved this run.";
        } else if (!hasRole) {
            you = "Approving needs role " + r.approvalPolicy().role() + ".";
        } else if (requester && !r.approvalPolicy().requesterMayApprove()) {
            you = "You requested this run: the policy refuses your own approval.";
        } else {
            you = "You may approve.";
        }
        StringBuilder who = new StringBuilder("any " + r.approvalPolicy().role());
        if (!r.approvalPolicy().requesterMayApprove()) {
            who.append(" except the requester ").append(r.requestedBy());
        }
        if (!approvers.isEmpty()) {
            who.append(" and ").append(String.join(", ", approvers));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("kind", r.kind());
        m.put("requestedBy", r.requestedBy());
        m.put("created", RunViews.time(r.createdAt()));
        m.put("parameters", r.parameters().asMap().toString());
        m.put("count", approvers.size());
        m.put("required", r.approvalPolicy().required());
        m.put("approvals", RunViews.approvals(r));
        m.put("stillMay", who.toString());
        m.put("you", you);
        return m;
    }
}
