package io.releasekit.api.security;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.api.problem.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** Who the caller is: lets a script or portal check its token before it does anything. */
@Controller("/api/v1/me")
@Tag(name = "security")
@ProblemResponses
public class MeController {

    /** The authenticated principal and its roles. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get
    @Operation(operationId = "getCaller", summary = "The caller's principal name and roles")
    public Me me(Authentication authentication) {
        return new Me(
                authentication.getName(),
                authentication.getRoles().stream().sorted().toList());
    }

    /**
     * The caller.
     *
     * @param name the principal name (a static token's name, or a JWT's subject)
     * @param roles its roles
     */
    @Serdeable
    @Schema(name = "Caller")
    public record Me(String name, List<String> roles) {}
}
