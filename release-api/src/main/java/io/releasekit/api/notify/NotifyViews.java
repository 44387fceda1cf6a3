package io.releasekit.api.notify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.notify.ChannelOutcome;
import io.releasekit.core.notify.Notifier;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Request and response bodies of the notification endpoints. */
final class NotifyViews {

    private NotifyViews() {}

    /**
     * An announcement.
     *
     * @param channels configured channel names
     * @param text the plain-text message
     * @param markdown the Markdown form, for channels that render it
     * @param dryRun when true, nothing is posted: the response lists the posts each channel would get
     */
    @Serdeable
    @Schema(name = "AnnouncementRequest")
    record AnnounceRequest(
            @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 63) String> channels,
            @NotBlank @Size(max = 40_000) String text,
            @Nullable @Size(max = 40_000) String markdown,
            @Nullable Boolean dryRun) {

        boolean dry() {
            return Boolean.TRUE.equals(dryRun);
        }
    }

    /**
     * What an announcement did, or would do.
     *
     * @param dryRun whether nothing was posted
     * @param idempotencyKey the key the posts were made with (the request's {@code Idempotency-Key}, or a new one)
     * @param outcomes one per channel, in the order asked; empty in a dry run
     * @param plans in a dry run, the posts each channel would get (a Mastodon thread shows each post)
     */
    @Serdeable
    @Schema(name = "AnnouncementResult")
    record AnnounceResponse(boolean dryRun, String idempotencyKey, List<OutcomeView> outcomes, List<PlanView> plans) {}

    /**
     * One channel's outcome.
     *
     * @param channel the channel
     * @param status DELIVERED, FAILED or DEFERRED
     * @param ids the post ids (Slack ts, Matrix event id, Mastodon status ids, webhook delivery id)
     * @param alreadyDelivered whether the posts existed from an earlier request with the same key
     * @param error why it failed, without secrets
     * @param retryable whether trying again later may succeed
     */
    @Serdeable
    @Schema(name = "ChannelOutcome")
    record OutcomeView(
            String channel,
            String status,
            List<String> ids,
            boolean alreadyDelivered,
            @Nullable String error,
            boolean retryable) {
        static OutcomeView of(ChannelOutcome o) {
            return new OutcomeView(
                    o.channel(), o.status().name(), o.ids(), o.alreadyDelivered(), o.error(), o.retryable());
        }
    }

    /**
     * The posts a channel would get.
     *
     * @param channel the channel
     * @param type its type
     * @param posts the texts, in order
     */
    @Serdeable
    @Schema(name = "ChannelPlan")
    record PlanView(
            String channel,
            @Schema(
                            allowableValues = {"slack", "slack-webhook", "matrix", "mastodon", "webhook"},
                            requiredMode = Schema.RequiredMode.REQUIRED)
                    String type,
            List<String> posts) {
        static PlanView of(Notifier n, List<String> posts) {
            return new PlanView(n.name(), n.type(), posts);
        }
    }

    /**
     * A configured channel; never its token, URL or secret.
     *
     * @param name the channel name
     * @param type slack, slack-webhook, matrix, mastodon or webhook
     * @param service the guard service its calls go through
     * @param topic whether it has a topic that can be read and set
     */
    @Serdeable
    @Schema(name = "Channel")
    record ChannelView(
            String name,
            @Schema(
                            allowableValues = {"slack", "slack-webhook", "matrix", "mastodon", "webhook"},
                            requiredMode = Schema.RequiredMode.REQUIRED)
                    String type,
            String service,
            boolean topic) {
        static ChannelView of(Notifier n) {
            return new ChannelView(n.name(), n.type(), n.service(), n.supportsTopic());
        }
    }

    /**
     * A channel's topic.
     *
     * @param channel the channel
     * @param topic the topic, empty when none is set
     */
    @Serdeable
    @Schema(name = "ChannelTopic")
    record TopicView(String channel, String topic) {}

    /**
     * A new topic.
     *
     * @param topic the topic; empty clears it
     * @param dryRun when true, the topic is only read and the change reported
     */
    @Serdeable
    @Schema(name = "SetChannelTopicRequest")
    record SetTopicRequest(@NotNull @Size(max = 4_000) String topic, @Nullable Boolean dryRun) {
        boolean dry() {
            return Boolean.TRUE.equals(dryRun);
        }
    }

    /**
     * The result of setting a topic.
     *
     * @param channel the channel
     * @param previous the topic before (keep it to restore it later)
     * @param topic the topic now (in a dry run: the one that would be set)
     * @param changed whether the topic changed (in a dry run: would change)
     * @param dryRun whether nothing was written
     */
    @Serdeable
    @Schema(name = "ChannelTopicChange")
    record SetTopicResponse(String channel, String previous, String topic, boolean changed, boolean dryRun) {}
}
