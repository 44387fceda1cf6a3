package io.releasekit.core.artifact;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of a publication.
 *
 * @param source the source location
 * @param destination the destination location
 * @param dryRun whether nothing was written
 * @param sourceReport the verification of the source before anything was copied
 * @param copies what was copied or skipped
 * @param destinationReport the verification of the destination after copying (empty in a dry run)
 * @param manifest what happened to the manifest, written last
 * @param fromRecord whether the destination was recognised as this manifest's intact publication from its record and
 *     one listing of the destination (a rerun): the source was not listed, and both reports hold the recorded checks
 *     of the destination's listing (see {@code docs/artifacts.md}, "What a rerun verifies")
 */
public record PublishResult(
        String source,
        String destination,
        boolean dryRun,
        VerificationReport sourceReport,
        CopyReport copies,
        Optional<VerificationReport> destinationReport,
        ManifestAction manifest,
        boolean fromRecord) {

    public PublishResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(sourceReport, "sourceReport");
        Objects.requireNonNull(copies, "copies");
        Objects.requireNonNull(destinationReport, "destinationReport");
        Objects.requireNonNull(manifest, "manifest");
    }

    /** A publication that went through its phases ({@code fromRecord} false). */
    public PublishResult(
            String source,
            String destination,
            boolean dryRun,
            VerificationReport sourceReport,
            CopyReport copies,
            Optional<VerificationReport> destinationReport,
            ManifestAction manifest) {
        this(source, destination, dryRun, sourceReport, copies, destinationReport, manifest, false);
    }

    /** A one-line summary. */
    public String summary() {
        return (dryRun ? "dry run: " : "") + source + " -> " + destination + ": " + copies.summary() + "; manifest "
                + manifest
                + (fromRecord ? " (recognised from the publication record)" : "");
    }
}
