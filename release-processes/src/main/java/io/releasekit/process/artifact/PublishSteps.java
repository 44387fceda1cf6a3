package io.releasekit.process.artifact;

import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.CopyOutcome;
import io.releasekit.core.artifact.CopyReport;
import io.releasekit.core.artifact.ManifestAction;
import io.releasekit.core.artifact.PublishCommand;
import io.releasekit.core.artifact.PublishResult;
import io.releasekit.core.artifact.VerificationReport;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The four steps shared by {@code artifacts.publish}, {@code artifacts.promote} and {@code emergency-publish}:
 * {@code verify-source}, {@code copy}, {@code verify-destination}, {@code write-manifest}. Each declares the stores'
 * services as strict dependencies and nothing else, is idempotent (skips what is already done) and honours dry runs.
 * {@code verify-source} outputs the manifest's SHA-256 ({@value #MANIFEST_SHA256}); the later steps refuse a manifest
 * that changed since.
 */
public final class PublishSteps {

    /** The output carrying the verified manifest's SHA-256. */
    public static final String MANIFEST_SHA256 = "manifestSha256";

    /**
     * The output carrying the fingerprint of the verified source artifacts (names, sizes, entity tags): the later steps
     * refuse a source that changed since, and copy server-side conditionally on the verified entity tags.
     */
    public static final String SOURCE_FINGERPRINT = "sourceFingerprint";

    /**
     * The output set to {@code true} by {@code verify-source} when the release is already published intact at the
     * destination ({@link PublishCommand#recognise()}): the later steps have nothing to do and are skipped.
     */
    public static final String RECOGNISED = "recognisedFromRecord";

    private PublishSteps() {}

    /**
     * The four steps.
     *
     * @param source the source store (for its services)
     * @param destination the destination store
     * @param command a fresh publication command for a step's context (options set, dry run not yet)
     */
    public static List<Step> of(
            ArtifactStore source, ArtifactStore destination, Function<StepContext, PublishCommand> command) {
        List<String> src = source.services();
        List<String> dst = destination.services();
        List<String> both = union(src, dst);
        return List.of(
                new PhaseStep("verify-source", src, false, ctx -> verifySource(command.apply(ctx), ctx)),
                new PhaseStep(
                        "copy", both, true, ctx -> unlessRecognised(ctx, () -> copy(prepared(command, ctx), ctx))),
                new PhaseStep(
                        "verify-destination",
                        both,
                        false,
                        ctx -> unlessRecognised(ctx, () -> verifyDestination(prepared(command, ctx), ctx))),
                new PhaseStep(
                        "write-manifest",
                        both,
                        true,
                        ctx -> unlessRecognised(ctx, () -> writeManifest(prepared(command, ctx), ctx))));
    }

    /** Skips a later step when {@code verify-source} recognised the release as published intact. */
    private static StepOutcome unlessRecognised(StepContext ctx, Supplier<StepOutcome> step) {
        if (ctx.output(RECOGNISED).filter("true"::equals).isPresent()) {
            return StepOutcome.skipped("the release is already published intact (recognised from its record)");
        }
        return step.get();
    }

    private static PublishCommand prepared(Function<StepContext, PublishCommand> command, StepContext ctx) {
        PublishCommand c = command.apply(ctx).dryRun(ctx.dryRun());
        ctx.output(MANIFEST_SHA256).ifPresent(c::expectManifestSha256);
        ctx.output(SOURCE_FINGERPRINT).ifPresent(c::expectSourceFingerprint);
        return c;
    }

    private static StepOutcome verifySource(PublishCommand c, StepContext ctx) {
        Optional<PublishResult> published = c.onProgress(ctx::progress).recognise();
        if (published.isPresent()) {
            VerificationReport d = published.get().destinationReport().orElseThrow();
            return StepOutcome.skipped(
                    "already published intact at " + c.destinationLocation() + ": " + d.summary()
                            + " (its record and listing match; the source was not listed)",
                    Map.of(
                            MANIFEST_SHA256,
                            d.manifestSha256(),
                            RECOGNISED,
                            "true",
                            "artifacts",
                            Long.toString(d.artifacts().size()),
                            "source",
                            c.sourceLocation()));
        }
        VerificationReport r = c.verifySource();
        return StepOutcome.succeeded(
                "verified " + r.location() + ": " + r.summary(),
                Map.of(
                        MANIFEST_SHA256,
                        r.manifestSha256(),
                        SOURCE_FINGERPRINT,
                        c.sourceFingerprint(),
                        "artifacts",
                        Long.toString(r.artifacts().size() - r.unexpected().size()),
                        "source",
                        r.location()));
    }

    private static StepOutcome copy(PublishCommand c, StepContext ctx) {
        CopyReport r = c.onProgress(ctx::progress).copy();
        if (ctx.dryRun()) {
            r.outcomes().stream()
                    .filter(o -> o.action().writes())
                    .map(CopyOutcome::describe)
                    .forEach(ctx::plan);
        }
        Map<String, String> out = Map.of(
                "copied", Long.toString(r.written()),
                "skipped", Long.toString(r.skipped()),
                "bytesCopied", Long.toString(r.bytesCopied()));
        if (r.written() == 0) {
            return StepOutcome.skipped("all " + r.skipped() + " object(s) already at " + c.destinationLocation(), out);
        }
        return StepOutcome.succeeded(r.summary() + " to " + c.destinationLocation(), out);
    }

    private static StepOutcome verifyDestination(PublishCommand c, StepContext ctx) {
        if (ctx.dryRun()) {
            return StepOutcome.skipped("dry run: nothing was copied, the destination is verified after a real copy");
        }
        VerificationReport r = c.onProgress(ctx::progress).verifyDestination();
        return StepOutcome.succeeded("verified " + r.location() + ": " + r.summary());
    }

    private static StepOutcome writeManifest(PublishCommand c, StepContext ctx) {
        ManifestAction a = c.writeManifest();
        Map<String, String> out = Map.of("destination", c.destinationLocation());
        return switch (a) {
            case UNCHANGED ->
                StepOutcome.skipped("the manifest is already published at " + c.destinationLocation(), out);
            case WOULD_WRITE -> {
                ctx.plan("write the manifest (after its signature files) to " + c.destinationLocation());
                yield StepOutcome.succeeded("dry run: would publish the manifest at " + c.destinationLocation(), out);
            }
            case WRITTEN, REPLACED ->
                StepOutcome.succeeded(
                        "manifest " + a.name().toLowerCase() + ": the release is published at "
                                + c.destinationLocation(),
                        out);
        };
    }

    private static List<String> union(List<String> a, List<String> b) {
        Set<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }

    /** A step running one phase. */
    private record PhaseStep(String name, List<String> needs, boolean writes, Function<StepContext, StepOutcome> body)
            implements Step {

        @Override
        public List<ServiceNeed> services() {
            return needs.stream().map(ServiceNeed::strict).toList();
        }

        @Override
        public StepOutcome execute(StepContext context) {
            return body.apply(context);
        }
    }
}
