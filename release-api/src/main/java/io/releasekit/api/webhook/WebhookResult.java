package io.releasekit.api.webhook;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What the receiver did with a verified delivery.
 *
 * @param status {@code started}, {@code ignored}, {@code duplicate} or {@code pong}
 * @param delivery the {@code X-GitHub-Delivery} id
 * @param event the {@code X-GitHub-Event}
 * @param runs the ids of the runs started
 * @param detail why it was ignored, or which triggers matched
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record WebhookResult(
        @Schema(
                        allowableValues = {"started", "ignored", "duplicate", "pong"},
                        requiredMode = Schema.RequiredMode.REQUIRED)
                String status,
        String delivery,
        String event,
        List<String> runs,
        String detail) {

    public WebhookResult {
        runs = runs == null ? List.of() : List.copyOf(runs);
    }

    static WebhookResult started(String delivery, String event, List<String> runs, String detail) {
        return new WebhookResult("started", delivery, event, runs, detail);
    }

    static WebhookResult ignored(String delivery, String event, String detail) {
        return new WebhookResult("ignored", delivery, event, List.of(), detail);
    }

    static WebhookResult duplicate(String delivery, String event) {
        return new WebhookResult(
                "duplicate", delivery, event, List.of(), "duplicate delivery: already handled, nothing started");
    }

    static WebhookResult pong(String delivery) {
        return new WebhookResult("pong", delivery, "ping", List.of(), "webhook reached releasekit");
    }

    /** 202 when runs were started or the event was ignored, 200 for a duplicate or a ping. */
    @JsonIgnore
    public int httpStatus() {
        return status.equals("started") || status.equals("ignored") ? 202 : 200;
    }
}
