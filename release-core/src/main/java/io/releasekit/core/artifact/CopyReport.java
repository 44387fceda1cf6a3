package io.releasekit.core.artifact;

import java.util.List;

/**
 * The copy phase of a publication.
 *
 * @param outcomes one per object: artifacts in manifest order, then their signature files
 * @param bytesCopied bytes streamed or copied server-side (planned bytes in a dry run)
 * @param dryRun whether nothing was written
 */
public record CopyReport(List<CopyOutcome> outcomes, long bytesCopied, boolean dryRun) {

    public CopyReport {
        outcomes = List.copyOf(outcomes);
    }

    /** Objects written (or planned). */
    public long written() {
        return outcomes.stream().filter(o -> o.action().writes()).count();
    }

    /** Objects skipped because an identical one was already there. */
    public long skipped() {
        return outcomes.stream()
                .filter(o -> o.action() == CopyAction.SKIPPED_IDENTICAL)
                .count();
    }

    /** A one-line summary, e.g. {@code 3 copied, 197 already present, 31457280 bytes}. */
    public String summary() {
        return written() + (dryRun ? " to copy" : " copied") + ", " + skipped() + " already present, " + bytesCopied
                + " bytes";
    }
}
