package io.releasekit.api.version;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.releasekit.api.problem.ProblemResponses;
import io.releasekit.api.security.Roles;
import io.releasekit.core.version.SemVer;
import io.releasekit.core.version.TagScheme;
import io.releasekit.core.version.VersionPolicy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** Pure version computations: parse, next release number from tags, the VERSION-file policy. */
@Controller("/api/v1/versions")
@Tag(name = "versions")
@ProblemResponses
public class VersionController {

    /** Parses a SemVer version into its parts. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get("/{version}")
    @Operation(operationId = "parseVersion", summary = "Parse a SemVer 2.0.0 version")
    public VersionView parse(@PathVariable String version) {
        return VersionView.of(SemVer.parse(version));
    }

    // no @Valid: NextVersionRequest checks its own limits (bean validation of the tag list was the costliest step)
    /** The next release tag after the highest tag with the prefix. */
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post("/next")
    @Operation(operationId = "nextVersion", summary = "Next release number from existing tags with a prefix")
    public NextVersionResponse next(@Body NextVersionRequest request) {
        TagScheme.NextRelease next = TagScheme.of(request.prefixOrEmpty()).next(request.tags(), request.bumpOrPatch());
        return new NextVersionResponse(
                next.previousTag().orElse(null), next.tag(), next.version().toString());
    }

    /** What a VERSION file becomes after a branch cut or a release (seed 003's policy). */
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post("/policy")
    @Operation(
            operationId = "applyVersionPolicy",
            summary = "Apply the VERSION-file policy after a branch cut or a release")
    public PolicyResponse policy(@Body @Valid PolicyRequest request) {
        VersionPolicy policy = request.chart() ? VersionPolicy.charts() : VersionPolicy.components();
        SemVer current = SemVer.parse(request.current());
        return PolicyResponse.of(policy, current, request.event(), request.branchPrefix());
    }
}
