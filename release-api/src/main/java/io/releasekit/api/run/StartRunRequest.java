package io.releasekit.api.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.run.RunRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/runs}.
 *
 * @param kind the process kind, one of {@code GET /api/v1/run-kinds}
 * @param parameters the parameters the kind accepts (strings, booleans, integers, lists of strings)
 * @param dryRun true to only read, check and plan the writes (default false)
 */
@Serdeable
@Schema(
        example =
                "{\"kind\":\"artifacts.publish\",\"parameters\":{\"sourceStore\":\"local\",\"sourcePrefix\":\"builds/1.2.0/\",\"destinationStore\":\"releases\",\"destinationPrefix\":\"1.2.0/\"},\"dryRun\":true}")
public record StartRunRequest(
        @NotBlank @Schema(example = "artifacts.publish") String kind,
        @Nullable @Schema(ref = "#/components/schemas/RunParameters") Map<String, Object> parameters,
        // a JSON boolean or absent: StrictInputFilter refuses "yes", "1", 0 and null before binding
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "false") boolean dryRun) {

    /** The engine's request, by the authenticated principal, with the client's idempotency key if any. */
    RunRequest toRequest(String principal, @Nullable String idempotencyKey) {
        return new RunRequest(kind, parameters, dryRun, principal, idempotencyKey);
    }
}
