package io.releasekit.core.scm;

import java.util.Objects;
import java.util.Optional;

/** What pushing one ref did. */
public sealed interface PushOutcome permits PushOutcome.Pushed, PushOutcome.UpToDate, PushOutcome.Rejected {

    /** The full ref name, e.g. {@code refs/heads/main}. */
    String ref();

    /**
     * The remote took the update (in a dry run: would take it).
     *
     * @param ref the ref
     * @param oldId the remote's value before; empty when the ref is new there
     * @param newId the value pushed
     */
    record Pushed(String ref, Optional<CommitId> oldId, CommitId newId) implements PushOutcome {
        public Pushed {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(oldId, "oldId");
            Objects.requireNonNull(newId, "newId");
        }
    }

    /**
     * The remote already had this value.
     *
     * @param ref the ref
     * @param id the value
     */
    record UpToDate(String ref, CommitId id) implements PushOutcome {
        public UpToDate {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * The update was refused; the remote is unchanged.
     *
     * @param ref the ref
     * @param reason why
     * @param message details, naming the ids involved
     */
    record Rejected(String ref, Reason reason, String message) implements PushOutcome {
        public Rejected {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Why a push was refused. */
    enum Reason {
        /** The update would drop commits on the remote and force was not asked for. */
        NON_FAST_FORWARD,
        /** The remote ref moved since it was last read (the lease failed); fetch and look again. */
        REMOTE_CHANGED,
        /** The remote refused for a reason of its own (a hook, a protected branch, deletion refused). */
        REMOTE_REJECTED
    }
}
