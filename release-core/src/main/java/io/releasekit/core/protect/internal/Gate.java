package io.releasekit.core.protect.internal;

import io.releasekit.core.ReleaseException;
import io.releasekit.core.protect.ApprovalRequiredException;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.protect.ProtectionPolicy;
import io.releasekit.core.protect.ProtectionRule;
import io.releasekit.core.protect.UnplannedWriteException;
import io.releasekit.core.protect.WriteAuthority;
import io.releasekit.core.protect.WriteObserver;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one decision of every protected port: may the current {@link WriteAuthority} make these writes? Logs every
 * refused write and every approved protected write, hands dry-run writes to a run's plan, and reports writes that
 * happened to the observers.
 */
public final class Gate {

    private static final Logger LOG = LoggerFactory.getLogger("io.releasekit.protection");

    private final ProtectionPolicy policy;
    private final List<WriteObserver> observers;

    /** A gate applying {@code policy} and telling {@code observers} what was written. */
    public Gate(ProtectionPolicy policy, List<WriteObserver> observers) {
        this.policy = policy;
        this.observers = List.copyOf(observers);
    }

    /** The policy. */
    public ProtectionPolicy policy() {
        return policy;
    }

    /** Why the current authority may not make these writes, or empty when it may. Logs nothing. */
    public Optional<ReleaseException> refusal(List<PlannedWrite> writes) {
        WriteAuthority a = WriteAuthority.current();
        for (PlannedWrite w : writes) {
            Optional<ReleaseException> r = refusal(w, a);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    private Optional<ReleaseException> refusal(PlannedWrite w, WriteAuthority a) {
        if (a.mode() == WriteAuthority.Mode.PLANNING) {
            return Optional.of(new UnplannedWriteException(w + " was attempted by " + a.describe()
                    + ", which may only read and plan; nothing was written (the step ignores its dry-run flag)"));
        }
        if (a.mode() == WriteAuthority.Mode.RUN && !a.plans(w)) {
            return Optional.of(new UnplannedWriteException(w + " by " + a.describe()
                    + " is not in the run's plan, made by its dry run before it started; a run writes only what its"
                    + " plan named (and was approved for). Nothing was written"));
        }
        for (ProtectionRule rule : policy.rulesFor(w)) {
            boolean ok = a.mode() == WriteAuthority.Mode.RUN
                    && ProtectionPolicy.satisfied(rule.approvals(), a.approvals(), a.requestedBy());
            if (!ok) {
                return Optional.of(new ApprovalRequiredException(w, rule, a.describe()));
            }
        }
        return Optional.empty();
    }

    /**
     * Throws when the current authority may not make these writes (logged); logs an approved protected write.
     *
     * @throws ApprovalRequiredException when a protected write lacks its approvals
     * @throws UnplannedWriteException when a run writes outside its plan, or a dry run writes at all
     */
    public void allow(List<PlannedWrite> writes) {
        requireAllowed(writes);
        WriteAuthority a = WriteAuthority.current();
        for (PlannedWrite w : writes) {
            if (policy.isProtected(w)) {
                LOG.info("protected write allowed: {} by {}", w, a.describe());
            }
        }
    }

    /**
     * Throws when the current authority may not make these writes (logged); logs nothing when it may. For a port that
     * checks several writes before it makes the first of them.
     */
    public void requireAllowed(List<PlannedWrite> writes) {
        Optional<ReleaseException> refused = refusal(writes);
        if (refused.isPresent()) {
            LOG.warn("write refused: {}", refused.get().getMessage());
            throw refused.get();
        }
    }

    /** Writes a dry run would make: added to the plan when a run is being planned. */
    public void planned(List<PlannedWrite> writes) {
        WriteAuthority a = WriteAuthority.current();
        writes.forEach(a::planned);
    }

    /** Writes that happened: told to the observers. */
    public void written(List<PlannedWrite> writes) {
        WriteAuthority a = WriteAuthority.current();
        for (PlannedWrite w : writes) {
            for (WriteObserver o : observers) {
                try {
                    o.written(w, a);
                } catch (RuntimeException e) {
                    LOG.warn("write observer failed on {}: {}", w, e.toString());
                }
            }
        }
    }
}
