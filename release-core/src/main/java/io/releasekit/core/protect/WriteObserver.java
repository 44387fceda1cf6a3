package io.releasekit.core.protect;

/**
 * Sees every write a protected port made, after it happened, as the port observed it (not as the step reported it):
 * for audit logs and for tests that compare a run's writes with its plan.
 */
@FunctionalInterface
public interface WriteObserver {

    /**
     * A write happened.
     *
     * @param write what was written
     * @param by on whose behalf
     */
    void written(PlannedWrite write, WriteAuthority by);
}
