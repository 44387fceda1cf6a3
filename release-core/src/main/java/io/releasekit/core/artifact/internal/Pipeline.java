package io.releasekit.core.artifact.internal;

import io.releasekit.core.artifact.ArtifactCheck;
import io.releasekit.core.artifact.ArtifactManifest;
import io.releasekit.core.artifact.ArtifactStatus;
import io.releasekit.core.artifact.CopyOutcome;
import io.releasekit.core.artifact.CopyReport;
import io.releasekit.core.artifact.ManifestEntry;
import io.releasekit.core.artifact.ObjectInfo;
import io.releasekit.core.artifact.VerificationFailedException;
import io.releasekit.core.artifact.VerificationReport;
import io.releasekit.core.internal.ThreadContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A publication's source verification and copy, overlapped: the manifest is cut into parts in its own order, the
 * source of part {@code k + 1} is verified while the objects of part {@code k} — verified just before — are copied. No
 * object is copied before its own part verified; the plan (every conflict at the destination) is made before the first
 * part is copied. When a part fails, the verification stops there and the objects of the parts already copied are
 * named in the failure: they are at the destination without a manifest, i.e. not published, and a rerun after the
 * source is fixed recognises them and completes.
 */
public final class Pipeline {

    /** Verifies the artifacts of one part of the manifest (a manifest of their entries) at the source. */
    @FunctionalInterface
    public interface PartVerifier {
        /** The report of the part and its verified objects by relative name. */
        Verified verify(byte[] partManifest, long doneBefore);
    }

    /**
     * One verified part.
     *
     * @param report its verification
     * @param objects its artifacts as verified
     */
    public record Verified(VerificationReport report, Map<String, ObjectInfo> objects) {}

    /**
     * What the pipeline did.
     *
     * @param source the whole source verification (every part, unexpected objects once)
     * @param verified every artifact as verified, by relative name
     * @param copies every item's outcome in plan order
     */
    public record Outcome(VerificationReport source, Map<String, ObjectInfo> verified, CopyReport copies) {}

    private Pipeline() {}

    /** Parts of a manifest of {@code n} entries: a tenth each, between 100 and 1,000 entries. */
    static int partSize(int n) {
        return Math.max(100, Math.min(1_000, n / 10));
    }

    /**
     * Runs the parts.
     *
     * @throws io.releasekit.core.artifact.VerificationFailedException when a part fails, naming the objects copied
     */
    public static Outcome run(
            LoadedManifest m, String location, Copier copier, Copier.Plan plan, PartVerifier verifier, boolean dryRun) {
        List<List<ManifestEntry>> parts = parts(m.manifest());
        List<VerificationReport> reports = new ArrayList<>();
        Map<String, ObjectInfo> verified = new LinkedHashMap<>();
        Map<String, CopyOutcome> done = new HashMap<>();
        long bytes = 0;
        ExecutorService ahead = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "releasekit-verify-ahead");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Verified> next = ahead.submit(
                    ThreadContext.carry((Callable<Verified>) () -> verifier.verify(bytes(m, parts.get(0)), 0)));
            long before = 0;
            for (int k = 0; k < parts.size(); k++) {
                Verified v = await(next);
                before += parts.get(k).size();
                if (k + 1 < parts.size()) {
                    List<ManifestEntry> following = parts.get(k + 1);
                    long offset = before;
                    next = ahead.submit(ThreadContext.carry(
                            (Callable<Verified>) () -> verifier.verify(bytes(m, following), offset)));
                }
                reports.add(v.report());
                if (!v.report().passed()) {
                    throw new VerificationFailedException(
                            merged(m, location, reports, Set.of()),
                            done.values().stream()
                                    .filter(c -> c.action().writes())
                                    .map(c -> c.destination().value())
                                    .sorted()
                                    .toList());
                }
                verified.putAll(v.objects());
                Set<String> names = new HashSet<>();
                parts.get(k).forEach(e -> names.add(Prefixes.relative(e.name())));
                CopyReport r = copier.execute(plan, plan.of(names), v.objects());
                r.outcomes().forEach(c -> done.put(c.name(), c));
                bytes += r.bytesCopied();
            }
        } finally {
            ahead.shutdownNow();
        }
        List<CopyOutcome> ordered = new ArrayList<>();
        plan.planned().forEach(p -> ordered.add(done.get(p.name())));
        return new Outcome(
                merged(m, location, reports, names(m.manifest())), verified, new CopyReport(ordered, bytes, dryRun));
    }

    private static List<List<ManifestEntry>> parts(ArtifactManifest manifest) {
        List<ManifestEntry> all = manifest.entries();
        int size = partSize(all.size());
        List<List<ManifestEntry>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        if (out.isEmpty()) {
            out.add(List.of());
        }
        return out;
    }

    /** A part as a manifest of the same form: JSON when every entry has its size (so sizes are still checked). */
    private static byte[] bytes(LoadedManifest m, List<ManifestEntry> part) {
        ArtifactManifest a = ArtifactManifest.of(m.manifest().algorithm(), part);
        return part.stream().allMatch(e -> e.size().isPresent()) ? a.toJson() : a.toSums();
    }

    /** Names of the artifacts and of their signature files: never unexpected in the whole manifest's report. */
    private static Set<String> names(ArtifactManifest manifest) {
        Set<String> out = new HashSet<>();
        for (ManifestEntry e : manifest.entries()) {
            String n = Prefixes.relative(e.name());
            out.add(n);
            out.add(n + ".asc");
            out.add(n + ".sig");
        }
        return out;
    }

    /**
     * The parts' reports as one: their artifacts in manifest order, and the objects unexpected in the whole manifest —
     * those the first part reports unexpected that no other part lists ({@code listed}; empty while failing, when only
     * the problems matter).
     */
    private static VerificationReport merged(
            LoadedManifest m, String location, List<VerificationReport> reports, Set<String> listed) {
        List<ArtifactCheck> checks = new ArrayList<>();
        reports.forEach(r -> r.artifacts().stream()
                .filter(c -> c.status() != ArtifactStatus.UNEXPECTED)
                .forEach(checks::add));
        if (!listed.isEmpty()) {
            reports.get(0).unexpected().stream()
                    .filter(c -> !listed.contains(c.name()))
                    .forEach(checks::add);
        }
        return new VerificationReport(
                location,
                m.name(),
                m.sha256(),
                m.manifest().algorithm(),
                checks,
                List.of(),
                reports.stream().mapToLong(VerificationReport::bytesHashed).sum(),
                reports.stream().map(VerificationReport::elapsed).reduce(Duration.ZERO, Duration::plus));
    }

    private static Verified await(Future<Verified> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying the source", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
