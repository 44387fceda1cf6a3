package io.releasekit.api.notify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.releasekit.api.notify.NotifyViews.AnnounceRequest;
import io.releasekit.api.notify.NotifyViews.AnnounceResponse;
import io.releasekit.api.notify.NotifyViews.OutcomeView;
import io.releasekit.api.notify.NotifyViews.PlanView;
import io.releasekit.api.problem.Problem;
import io.releasekit.api.problem.ProblemResponses;
import io.releasekit.api.protect.ApprovalRequiredResponse;
import io.releasekit.api.security.Roles;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Notifiers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;

/** Announcements to configured chat channels. */
@Controller("/api/v1/notifications")
@Tag(name = "notifications")
@ProblemResponses
public class NotificationsController {

    private final Notifiers notifiers;

    NotificationsController(Notifiers notifiers) {
        this.notifiers = notifiers;
    }

    /**
     * Posts a message to several channels at once. Answers 200 with one outcome per channel even when some failed;
     * retrying with the same {@code Idempotency-Key} does not post twice where the channel allows it.
     */
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post
    @ApiResponse(
            responseCode = "403",
            description = ApprovalRequiredResponse.DESCRIPTION,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ProblemResponses.NotFound
    @ProblemResponses.Upstream
    @ProblemResponses.ChannelRejected
    @ProblemResponses.IdempotencyKeyReused
    @Operation(
            operationId = "postAnnouncement",
            summary = "Announce a message on configured channels",
            description = "One outcome per channel; a failing channel never hides the others. dryRun lists the posts"
                    + " each channel would get (a Mastodon thread shows each post). Send an Idempotency-Key header"
                    + " to make a retried request post nothing twice.")
    public AnnounceResponse announce(
            @Body @Valid AnnounceRequest request, @Nullable @Header("Idempotency-Key") String idempotencyKey) {
        Message message = Message.of(request.text(), request.markdown());
        String key = key(idempotencyKey);
        if (request.dry()) {
            List<PlanView> plans = notifiers.resolve(request.channels()).stream()
                    .map(n -> PlanView.of(n, n.render(message)))
                    .toList();
            return new AnnounceResponse(true, key, List.of(), plans);
        }
        List<OutcomeView> outcomes = notifiers.announce(request.channels(), message, key).outcomes().stream()
                .map(OutcomeView::of)
                .toList();
        return new AnnounceResponse(false, key, outcomes, List.of());
    }

    private static String key(String header) {
        if (header == null) {
            return "api-" + UUID.randomUUID();
        }
        if (header.isBlank() || header.length() > 150 || !header.matches("[\\x21-\\x7e]+")) {
            throw new InvalidInputException("Idempotency-Key must be 1-150 visible ASCII characters without spaces");
        }
        return header;
    }
}
