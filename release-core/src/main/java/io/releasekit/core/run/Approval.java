package io.releasekit.core.run;

import java.time.Instant;
import java.util.Objects;

/**
 * One approval of a run, an entry of the approval ledger.
 *
 * @param principal who approved
 * @param role the role they approved with
 * @param at when
 * @param comment why, optional
 */
public record Approval(String principal, String role, Instant at, String comment) {

    public Approval {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(at, "at");
    }
}
