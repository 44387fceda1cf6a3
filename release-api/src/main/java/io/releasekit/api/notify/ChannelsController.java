package io.releasekit.api.notify;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.releasekit.api.notify.NotifyViews.ChannelView;
import io.releasekit.api.notify.NotifyViews.SetTopicRequest;
import io.releasekit.api.notify.NotifyViews.SetTopicResponse;
import io.releasekit.api.notify.NotifyViews.TopicView;
import io.releasekit.api.problem.Problem;
import io.releasekit.api.problem.ProblemResponses;
import io.releasekit.api.protect.ApprovalRequiredResponse;
import io.releasekit.api.security.Roles;
import io.releasekit.core.notify.Notifier;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.notify.Topic;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;

/** The configured chat channels and their topics. */
@Controller("/api/v1/channels")
@Tag(name = "notifications")
@ProblemResponses
public class ChannelsController {

    private final Notifiers notifiers;

    ChannelsController(Notifiers notifiers) {
        this.notifiers = notifiers;
    }

    /** Every configured channel: name, type, guard service, whether it has a topic. Never a credential. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get
    @Operation(operationId = "listChannels", summary = "Configured channels (names and types, never tokens)")
    public List<ChannelView> list() {
        return notifiers.all().stream().map(ChannelView::of).toList();
    }

    /** A channel's current topic. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get("/{name}/topic")
    @ProblemResponses.NotFound
    @ProblemResponses.Upstream
    @ProblemResponses.ChannelRejected
    @Operation(operationId = "getChannelTopic", summary = "Read a channel's topic (Slack, Matrix)")
    public TopicView topic(@PathVariable String name) {
        Notifier n = notifiers.get(name);
        return new TopicView(n.name(), n.topic().text());
    }

    /** Sets a channel's topic and answers the previous one, to restore it later with another PUT. */
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Put("/{name}/topic")
    @ApiResponse(
            responseCode = "403",
            description = ApprovalRequiredResponse.DESCRIPTION,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ProblemResponses.NotFound
    @ProblemResponses.Upstream
    @ProblemResponses.ChannelRejected
    @Operation(
            operationId = "setChannelTopic",
            summary = "Set a channel's topic; answers the previous one",
            description = "Keep 'previous' and PUT it back to restore the topic. dryRun reads the topic and reports"
                    + " the change without making it.")
    public SetTopicResponse setTopic(@PathVariable String name, @Body @Valid SetTopicRequest request) {
        Notifier n = notifiers.get(name);
        Topic wanted = Topic.of(request.topic());
        Topic current = n.topic();
        if (request.dry() || current.equals(wanted)) {
            return new SetTopicResponse(
                    n.name(), current.text(), wanted.text(), !current.equals(wanted), request.dry());
        }
        n.setTopic(wanted);
        return new SetTopicResponse(n.name(), current.text(), wanted.text(), true, false);
    }
}
