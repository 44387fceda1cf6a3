package io.releasekit.api.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/runs/{id}/approvals}.
 *
 * @param comment why the run is approved (optional, kept in the approval ledger)
 */
@Serdeable
public record ApprovalRequest(@Nullable @Size(max = 2000) String comment) {}
