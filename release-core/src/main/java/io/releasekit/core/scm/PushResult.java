package io.releasekit.core.scm;

import io.releasekit.core.ConflictException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a push did, one outcome per ref.
 *
 * @param remote the remote's name
 * @param outcomes one per ref, in the order asked
 */
public record PushResult(String remote, List<PushOutcome> outcomes) {

    public PushResult {
        Objects.requireNonNull(remote, "remote");
        outcomes = List.copyOf(outcomes);
    }

    /** The refused updates. */
    public List<PushOutcome.Rejected> rejected() {
        return outcomes.stream()
                .filter(PushOutcome.Rejected.class::isInstance)
                .map(PushOutcome.Rejected.class::cast)
                .toList();
    }

    /**
     * Checks that every update was taken (or was already there).
     *
     * @return this result
     * @throws ConflictException naming every refused ref and why
     */
    public PushResult requireAccepted() {
        List<PushOutcome.Rejected> rejected = rejected();
        if (!rejected.isEmpty()) {
            throw new ConflictException("push to '" + remote + "' refused: "
                    + rejected.stream().map(PushOutcome.Rejected::message).collect(Collectors.joining("; ")));
        }
        return this;
    }
}
