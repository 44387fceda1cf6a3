package io.releasekit.core.artifact;

import io.releasekit.core.ConflictException;
import java.util.stream.Collectors;

/**
 * A location does not match its manifest (an artifact missing, of another size or digest), so releasekit refuses to
 * publish or promote it. Carries the whole report.
 */
public class VerificationFailedException extends ConflictException {

    private static final int SHOWN = 10;

    private final transient VerificationReport report;

    /** @param report the failed verification */
    public VerificationFailedException(VerificationReport report) {
        super("verification of " + report.location() + " against " + report.manifestName() + " failed: "
                + report.summary() + ": "
                + report.problems().stream()
                        .limit(SHOWN)
                        .map(ArtifactCheck::describe)
                        .collect(Collectors.joining("; "))
                + (report.problems().size() > SHOWN ? "; ..." : ""));
        this.report = report;
    }

    /** The failed verification. */
    public VerificationReport report() {
        return report;
    }

    @Override
    public String errorType() {
        return "verification-failed";
    }
}
