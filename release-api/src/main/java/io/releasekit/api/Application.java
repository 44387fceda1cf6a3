package io.releasekit.api;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Starts the releasekit REST service. With no configuration it runs on embedded defaults, bound to 127.0.0.1. */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "releasekit",
                        version = "0.1",
                        description =
                                "Release primitives over REST: versions, git operations on configured repositories, "
                                        + "artifact verification and publication, release runs with approvals.",
                        license = @License(name = "Apache-2.0")),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(
        name = "bearer",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "A static API token (rk_...) or, when enabled, a JWT from the identity provider")
public final class Application {

    private Application() {}

    /** Entry point. */
    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
