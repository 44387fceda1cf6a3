package io.releasekit.api.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/runs/{id}/approvals}.
 *
 * @param comment why the run is approved (optional, kept in the approval ledger)
 */
@Serdeable
@Schema(example = "{\"comment\":\"checked the plan: 14 objects to releases/1.2.0/\"}")
public record ApprovalRequest(@Nullable @Size(max = 2000) String comment) {}
