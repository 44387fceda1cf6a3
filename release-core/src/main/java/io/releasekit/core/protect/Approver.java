package io.releasekit.core.protect;

import java.util.Objects;

/**
 * A principal who approved a run, with the role they approved with: what a write's check counts.
 *
 * @param principal who approved
 * @param role the role they held for it
 */
public record Approver(String principal, String role) {

    public Approver {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(role, "role");
    }
}
