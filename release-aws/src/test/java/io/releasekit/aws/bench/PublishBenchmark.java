package io.releasekit.aws.bench;

import io.releasekit.aws.AwsIdentity;
import io.releasekit.aws.CredentialSource;
import io.releasekit.aws.S3ArtifactStore;
import io.releasekit.aws.testkit.CountingHttpClient;
import io.releasekit.aws.testkit.S3Fixtures;
import io.releasekit.aws.testkit.S3ProxyServer;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.artifact.CopyReport;
import io.releasekit.core.artifact.FileSystemArtifactStore;
import io.releasekit.core.artifact.ManifestAction;
import io.releasekit.core.artifact.PublishCommand;
import io.releasekit.core.artifact.PublishResult;
import io.releasekit.core.artifact.Publisher;
import io.releasekit.core.artifact.VerificationReport;
import io.releasekit.core.internal.Parallel;
import io.releasekit.core.service.ServiceGuards;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The release-publication benchmark behind {@code bench/publish.sh}: releasekit's {@link Publisher} as a library in a
 * fresh JVM, bucket to bucket on S3Proxy (or from a directory to a bucket), against whatever the script runs beside it
 * ({@code aws s3 sync}).
 *
 * <ul>
 *   <li>{@code seed <endpoint> <bucket> <prefix> <dir> <small> <medium> <multipart>}: writes a release of {@code small}
 *       objects of 1–16 KiB, {@code medium} objects of 10 MiB and up (2 MiB steps) and {@code multipart} objects of
 *       20 MiB uploaded in 5 MiB parts (the last one 100 MiB), each with its SHA-256 recorded (S3 checksum and
 *       metadata), plus its {@code SHA256SUMS}, into the bucket and the same files into {@code dir}
 *   <li>{@code publish <endpoint> <source: bucket/prefix/ or fs:dir> <dstBucket> <dstPrefix> <trust> <concurrency>
 *       [call|phases]}: one publication through {@code PublishCommand.call()}, or
 *       with {@code phases} through {@code recognise()} and the four phase methods one after the other, as the run
 *       steps call them (each phase timed on its own), printing one {@code
 *       key=value} line: wall and CPU time, per-phase wall, S3 requests by operation and per object, bytes through the
 *       client, progress callbacks (what the run engine throttles into events)
 * </ul>
 */
public final class PublishBenchmark {

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    private PublishBenchmark() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[1]);
        CredentialSource keys = CredentialSource.staticKeys(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
        try (CountingHttpClient http = new CountingHttpClient();
                AwsIdentity identity = AwsIdentity.of(keys);
                ServiceGuards guards = ServiceGuards.withDefaults()) {
            if (args[0].equals("seed")) {
                seed(args, endpoint, identity, http, guards);
            } else {
                publish(args, endpoint, identity, http, guards);
            }
        }
    }

    private static void seed(
            String[] a, URI endpoint, AwsIdentity identity, CountingHttpClient http, ServiceGuards guards)
            throws Exception {
        String prefix = a[3];
        Path dir = Files.createDirectories(Path.of(a[4]));
        int small = Integer.parseInt(a[5]);
        int medium = Integer.parseInt(a[6]);
        int multipart = Integer.parseInt(a[7]);
        List<long[]> objects = new ArrayList<>(); // {index, size}
        for (int i = 0; i < small; i++) {
            objects.add(new long[] {i, KIB + (i * 7919L) % (15 * KIB)});
        }
        for (int i = 0; i < medium; i++) {
            objects.add(new long[] {small + i, (10 + 2L * i) * MIB});
        }
        for (int i = 0; i < multipart; i++) {
            objects.add(new long[] {small + medium + i, i == multipart - 1 ? 100 * MIB : 20 * MIB});
        }
        try (S3ArtifactStore bucket = S3ArtifactStore.builder()
                .bucket(a[2])
                .region("us-east-1")
                .endpoint(endpoint)
                .pathStyle(true)
                .identity(identity)
                .httpClient(http)
                .multipartThreshold(16 * MIB)
                .partSize(5 * MIB)
                .build()) {
            // through its guard, which retries a put that met a connection S3Proxy had closed
            ArtifactStore guarded = new ArtifactStores(Map.of("src", bucket), guards).get("src");
            FileSystemArtifactStore files = new FileSystemArtifactStore(dir);
            List<String> lines = Parallel.map(objects, 8, "seed", o -> {
                String name = name(o[0], o[1]);
                String sha = S3Fixtures.sha256OfGenerated(o[1], (int) o[0]);
                ArtifactKey key = ArtifactKey.of(prefix + name);
                guarded.putFrom(key, () -> S3Fixtures.generated(o[1], (int) o[0], n -> {}), o[1], sha);
                try (InputStream in = S3Fixtures.generated(o[1], (int) o[0], n -> {})) {
                    files.put(ArtifactKey.of(name), in, o[1], sha);
                }
                return sha + "  " + name + "\n";
            });
            byte[] sums = String.join("", lines).getBytes(StandardCharsets.UTF_8);
            String sha = io.releasekit.core.artifact.internal.LoadedManifest.sha256(sums);
            guarded.put(
                    ArtifactKey.of(prefix + "SHA256SUMS"), new java.io.ByteArrayInputStream(sums), sums.length, sha);
            try (OutputStream out = Files.newOutputStream(dir.resolve("SHA256SUMS"))) {
                out.write(sums);
            }
            long total = objects.stream().mapToLong(o -> o[1]).sum();
            System.out.printf("seeded objects=%d bytes=%d%n", objects.size(), total);
        }
    }

    /** The phases one after the other, each timed into {@code phases}. */
    private static PublishResult phased(PublishCommand c, Map<String, Long> phases) {
        long t = System.nanoTime();
        Optional<PublishResult> recognised = c.recognise();
        t = lap(phases, "recognise", t);
        if (recognised.isPresent()) {
            return recognised.get();
        }
        VerificationReport source = c.verifySource();
        t = lap(phases, "verify_source", t);
        CopyReport copies = c.copy();
        t = lap(phases, "copy", t);
        VerificationReport destination = c.verifyDestination();
        t = lap(phases, "verify_destination", t);
        ManifestAction manifest = c.writeManifest();
        lap(phases, "write_manifest", t);
        return new PublishResult(
                c.sourceLocation(), c.destinationLocation(), false, source, copies, Optional.of(destination), manifest);
    }

    private static long lap(Map<String, Long> phases, String name, long since) {
        long now = System.nanoTime();
        phases.put(name, (now - since) / 1_000_000);
        return now;
    }

    private static String name(long index, long size) {
        String kind = size >= 16 * MIB ? "multipart" : size >= 10 * MIB ? "medium" : "small";
        return String.format("%s/%03d/object-%05d.bin", kind, index / 100, index);
    }

    private static void publish(
            String[] a, URI endpoint, AwsIdentity identity, CountingHttpClient http, ServiceGuards guards)
            throws Exception {
        String source = a[2];
        boolean trust = Boolean.parseBoolean(a[5]);
        int concurrency = Integer.parseInt(a[6]);
        ArtifactStore src;
        String srcPrefix;
        S3ArtifactStore srcBucket = null;
        if (source.startsWith("fs:")) {
            src = new FileSystemArtifactStore(Path.of(source.substring(3)));
            srcPrefix = "";
        } else {
            int slash = source.indexOf('/');
            srcBucket = PromoteBenchmark.store(source.substring(0, slash), endpoint, identity, http);
            src = srcBucket;
            srcPrefix = source.substring(slash + 1);
        }
        try (S3ArtifactStore dst = PromoteBenchmark.store(a[3], endpoint, identity, http)) {
            AtomicLong callbacks = new AtomicLong();
            PublishCommand c = new Publisher(guards)
                    .publish(src, srcPrefix, dst, a[4])
                    .trustStoreChecksums(trust)
                    .concurrency(concurrency)
                    .onProgress((done, total, bytes) -> callbacks.incrementAndGet());
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            boolean phased = a.length > 7 && a[7].equals("phases");
            Map<String, Long> phases = new LinkedHashMap<>();
            // call(): the whole publication in one call; phases: the same phases called one by one, each timed
            PublishResult result = phased ? phased(c, phases) : c.call();
            VerificationReport source1 = result.sourceReport();
            CopyReport copies = result.copies();
            ManifestAction manifest = result.manifest();
            long wallMs = (System.nanoTime() - t0) / 1_000_000;
            if (phased) {
                phases.put("total", wallMs);
            } else if (result.fromRecord()) {
                // a rerun recognised from the record: the manifest, the record and the destination's listing only
                phases.put("recognise_from_record", source1.elapsed().toMillis());
            } else {
                phases.put("verify_source", source1.elapsed().toMillis());
                phases.put(
                        "verify_destination",
                        result.destinationReport()
                                .map(r -> r.elapsed().toMillis())
                                .orElse(0L));
                phases.put(
                        "copy_and_manifest", wallMs - phases.get("verify_source") - phases.get("verify_destination"));
            }
            long cpuMs = (os.getProcessCpuTime() - cpu0) / 1_000_000;
            int objects = source1.artifacts().size();
            Map<String, Long> ops = new TreeMap<>();
            http.sent().forEach(s -> ops.merge(s.operation(), 1L, Long::sum));
            StringBuilder perObject = new StringBuilder();
            ops.forEach((op, n) -> perObject.append(String.format("%s:%.3f,", op, (double) n / objects)));
            System.out.printf(
                    "objects=%d wall_ms=%d cpu_ms=%d phases_ms=%s requests=%d requests_per_object=%.3f"
                            + " requests_by_op=%s per_object_by_op=%s content_bytes_through_client=%d copied=%d"
                            + " skipped=%d manifest=%s from_record=%s progress_callbacks=%d%n",
                    objects,
                    wallMs,
                    cpuMs,
                    phases.toString().replace(" ", ""),
                    http.sent().size(),
                    (double) http.sent().size() / objects,
                    ops.toString().replace(" ", ""),
                    perObject.length() == 0 ? "-" : perObject.substring(0, perObject.length() - 1),
                    http.contentBytes(),
                    copies.written(),
                    copies.skipped(),
                    manifest,
                    result.fromRecord(),
                    callbacks.get());
        } finally {
            if (srcBucket != null) {
                srcBucket.close();
            }
        }
    }
}
