package io.releasekit.api;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.annotations.servers.ServerVariable;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Starts the releasekit REST service. With no configuration it runs on embedded defaults, bound to 127.0.0.1. */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "releasekit",
                        version = "0.1",
                        description =
                                "Release primitives over REST: versions, git operations on configured repositories, "
                                        + "artifact verification and publication, release runs with approvals. Every "
                                        + "error is an RFC 9457 problem (application/problem+json) with a stable type.",
                        license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        servers =
                @Server(
                        url = "{scheme}://{host}:{port}",
                        description = "A releasekit service; the embedded default listens on http://127.0.0.1:8080",
                        variables = {
                            @ServerVariable(
                                    name = "scheme",
                                    defaultValue = "http",
                                    allowableValues = {"http", "https"}),
                            @ServerVariable(name = "host", defaultValue = "127.0.0.1"),
                            @ServerVariable(name = "port", defaultValue = "8080")
                        }),
        tags = {
            @Tag(name = "runs", description = "Start runs of release processes, follow them, approve or reject them"),
            @Tag(
                    name = "versions",
                    description = "Pure SemVer computations: parse, next release number, VERSION policy"),
            @Tag(
                    name = "repositories",
                    description = "Git operations on repositories configured by name: tags, branches, lazy branches,"
                            + " cherry-picks, sync, push, fetch, the VERSION file"),
            @Tag(
                    name = "artifacts",
                    description = "Manifest verification of store locations, gate results and promotion pipelines"),
            @Tag(name = "stores", description = "The configured artifact stores (file system, S3)"),
            @Tag(
                    name = "github",
                    description = "Releases, assets, checks and release notes on configured GitHub repositories"),
            @Tag(name = "images", description = "Dockerfile and Helm chart checks, image registries and digests"),
            @Tag(name = "notifications", description = "Announcements and channel topics (Slack, Matrix, Mastodon)"),
            @Tag(name = "services", description = "Outside services, their circuit breakers, declared outages"),
            @Tag(name = "security", description = "Who the caller is and which roles the token carries"),
            @Tag(
                    name = "schedules",
                    description = "The release calendar: runs started on a cron expression in a time zone"),
            @Tag(name = "webhooks", description = "Signed deliveries from GitHub that start configured runs")
        },
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(
        name = "bearer",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "A static API token (rk_...) or, when enabled, a JWT from the identity provider")
@SecurityScheme(
        name = "githubSignature",
        type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.HEADER,
        paramName = "X-Hub-Signature-256",
        description = "GitHub's webhook signature: sha256= and the hex HMAC-SHA256 of the raw body with the webhook"
                + " secret (releasekit.github.webhook.secret). No bearer token.")
public final class Application {

    private Application() {}

    /** Entry point. */
    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
