package io.releasekit.process.artifact;

import io.releasekit.core.ConflictException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ReleaseIndex;
import io.releasekit.core.run.Approval;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code update-index}: adds the published release (commit, time, approvers, manifest digest, prefix, run) to the
 * {@link ReleaseIndex} in the releases store — the last step, after the manifest, so the index never names a release
 * that is not published whole. The update is a compare-and-swap ({@link ArtifactStore#putIfUnchanged}): the index is
 * read, the entry appended, and the new index written only if nobody changed the index meanwhile; otherwise it is read
 * again, so two runs publishing at once both end up in the index. The written index is read back and checked to hold
 * the entry. An index that already records the publication (same commit and manifest) is left alone. A dry run reads
 * the index and plans its write.
 */
final class ReleaseIndexStep implements Step {

    /** How often the compare-and-swap is tried before the step fails (each retry means another run wrote). */
    static final int MAX_ATTEMPTS = 10;

    private final ArtifactStore destination;
    private final ArtifactKey key;
    private final Clock clock;
    private final String ref;
    private final Function<StepContext, String> commit;
    private final Function<StepContext, String> prefix;

    ReleaseIndexStep(
            ArtifactStore destination,
            ArtifactKey key,
            Clock clock,
            String ref,
            Function<StepContext, String> commit,
            Function<StepContext, String> prefix) {
        this.destination = Objects.requireNonNull(destination, "destination");
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ref = Objects.requireNonNull(ref, "ref");
        this.commit = commit;
        this.prefix = prefix;
    }

    @Override
    public String name() {
        return "update-index";
    }

    @Override
    public List<ServiceNeed> services() {
        return destination.services().stream().map(ServiceNeed::strict).toList();
    }

    @Override
    public StepOutcome execute(StepContext ctx) {
        String manifest = ctx.output(PublishSteps.MANIFEST_SHA256)
                .orElseThrow(() -> new IllegalStateException("update-index runs after verify-source"));
        ReleaseIndex.Entry entry = new ReleaseIndex.Entry(
                commit.apply(ctx),
                ref,
                clock.instant(),
                ctx.approvals().stream().map(Approval::principal).toList(),
                manifest,
                prefix.apply(ctx),
                ctx.runId());
        String where = "the release index " + key + " in " + destination.location();
        Map<String, String> out = Map.of("index", key.value());
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Current current = read();
            if (current.index().contains(entry)) {
                return StepOutcome.skipped("commit " + entry.commit() + " is already in " + where, out);
            }
            if (ctx.dryRun()) {
                destination.planPut(key);
                ctx.plan("add commit " + entry.commit() + " to " + where);
                return StepOutcome.succeeded("dry run: would add commit " + entry.commit() + " to " + where, out);
            }
            ReleaseIndex next = current.index().with(entry);
            try {
                destination.putIfUnchanged(key, next.toJson(), current.sha256());
            } catch (ConflictException e) {
                continue; // another run changed the index since it was read: read it again
            }
            if (read().index().contains(entry)) {
                return StepOutcome.succeeded(
                        "added commit " + entry.commit() + " to " + where + " ("
                                + next.releases().size() + " release(s); " + attempt + " attempt(s))",
                        out);
            }
        }
        throw new ConflictException(where + " changed under each of " + MAX_ATTEMPTS + " attempts to add commit "
                + entry.commit() + "; run the step again");
    }

    /** The index as it is now and the SHA-256 of its bytes (empty: there is no index yet). */
    private record Current(ReleaseIndex index, Optional<String> sha256) {}

    private Current read() {
        byte[] bytes;
        try {
            bytes = destination.read(key, in -> in.readAllBytes());
        } catch (NotFoundException e) {
            return new Current(ReleaseIndex.empty(), Optional.empty());
        }
        ReleaseIndex index =
                ReleaseIndex.parse(new String(bytes, StandardCharsets.UTF_8), key + " in " + destination.location());
        return new Current(index, Optional.of(sha256(bytes)));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
