package io.releasekit.api.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.releasekit.api.problem.Problem;
import io.releasekit.github.GitHubWebhookSignature;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The GitHub webhook endpoint. Authenticated by the HMAC signature of the body, not by a bearer token: GitHub cannot
 * send one, so the security configuration must let this path through.
 */
@Controller("/api/v1/webhooks")
@Tag(name = "webhooks")
public class GitHubWebhookController {

    private final WebhookReceiver receiver;

    GitHubWebhookController(WebhookReceiver receiver) {
        this.receiver = receiver;
    }

    /** Receives a delivery: verifies it and starts the runs of the triggers it matches. */
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Post(uri = "/github", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "githubSignature")
    @ApiResponse(responseCode = "200", description = "a duplicate delivery (nothing started) or GitHub's ping")
    @ApiResponse(responseCode = "202", description = "the runs the delivery started, or why it started none")
    @ApiResponse(
            responseCode = "400",
            description = "invalid-input: the body is not the JSON of a push or release event, or a header is missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(
            responseCode = "401",
            description = "unauthorized: X-Hub-Signature-256 is missing or is not the HMAC of the body with the"
                    + " configured secret",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(
            responseCode = "413",
            description = "payload-too-large: the delivery is over the size limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Operation(
            operationId = "receiveGitHubWebhook",
            summary = "Receive a GitHub webhook delivery (HMAC-signed; starts configured runs)",
            description = "Verifies X-Hub-Signature-256 (and X-Hub-Signature when sent) over the raw body with "
                    + "releasekit.github.webhook.secret; starts the runs of the releasekit.github.webhook.triggers "
                    + "the push, release, dependabot_alert or code_scanning_alert event matches (security alerts at or"
                    + " above the trigger's min-severity, in an open action). A replayed X-GitHub-Delivery starts nothing (200 duplicate) "
                    + "unless a run it started failed or was cancelled: then the next attempt is started (202).")
    public HttpResponse<WebhookResult> github(
            @Body byte[] body,
            @Nullable @Header("X-GitHub-Event") String event,
            @Nullable @Header("X-GitHub-Delivery") String delivery,
            @Nullable @Header(GitHubWebhookSignature.SHA256_HEADER) String signature256,
            @Nullable @Header(GitHubWebhookSignature.SHA1_HEADER) String signature1) {
        WebhookResult result = receiver.receive(body, event, delivery, signature256, signature1);
        return HttpResponse.<WebhookResult>status(HttpStatus.valueOf(result.httpStatus()))
                .body(result);
    }
}
