package io.releasekit.core.artifact;

import io.releasekit.core.ConflictException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A location does not match its manifest (an artifact missing, of another size or digest), so releasekit refuses to
 * publish or promote it. Carries the whole report.
 */
public class VerificationFailedException extends ConflictException {

    private static final int SHOWN = 10;

    private final transient VerificationReport report;
    private final transient List<String> alreadyCopied;

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
        this.alreadyCopied = List.of();
    }

    /**
     * A source that failed part of the way through a publication that copies each verified part at once: {@code
     * alreadyCopied} names the destination keys written before the failure. They are not published (the manifest is
     * written only after everything verified); a rerun after the source is fixed finds them and completes.
     *
     * @param report the failed verification (the parts verified so far)
     * @param alreadyCopied destination keys copied before the failure
     */
    public VerificationFailedException(VerificationReport report, List<String> alreadyCopied) {
        super(new VerificationFailedException(report).getMessage()
                + (alreadyCopied.isEmpty()
                        ? "; nothing was copied"
                        : "; " + alreadyCopied.size() + " object(s) verified before it were already copied (not"
                                + " published: no manifest was written; a rerun after the source is fixed completes): "
                                + String.join(", ", alreadyCopied.subList(0, Math.min(SHOWN, alreadyCopied.size())))
                                + (alreadyCopied.size() > SHOWN ? ", ..." : "")));
        this.report = report;
        this.alreadyCopied = List.copyOf(alreadyCopied);
    }

    /** Destination keys copied before the failure (empty unless the publication copied verified parts at once). */
    public List<String> alreadyCopied() {
        return alreadyCopied;
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
