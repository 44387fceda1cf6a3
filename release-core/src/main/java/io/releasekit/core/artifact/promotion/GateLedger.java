package io.releasekit.core.artifact.promotion;

import java.util.List;
import java.util.Optional;

/**
 * Where gate results are kept. The latest result for a build at a stage decides whether it may be promoted. {@link
 * InMemoryGateLedger} is the embedded implementation; the REST facade needs a durable one (JDBC) so results survive a
 * restart and are shared between replicas.
 */
public interface GateLedger {

    /** Records a result (results are appended, never replaced) and answers it. */
    GateResult record(GateResult result);

    /** The latest result for a build at a stage. */
    Optional<GateResult> latest(String build, String stage);

    /** Every result of a build, oldest first. */
    List<GateResult> history(String build);
}
