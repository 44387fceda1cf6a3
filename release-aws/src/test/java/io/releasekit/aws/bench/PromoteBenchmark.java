package io.releasekit.aws.bench;

import io.releasekit.aws.AwsIdentity;
import io.releasekit.aws.CredentialSource;
import io.releasekit.aws.S3ArtifactStore;
import io.releasekit.aws.testkit.CountingHttpClient;
import io.releasekit.aws.testkit.S3Fixtures;
import io.releasekit.aws.testkit.S3ProxyServer;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.CopyAction;
import io.releasekit.core.artifact.PublishResult;
import io.releasekit.core.artifact.Publisher;
import io.releasekit.core.service.ServiceGuards;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Promotes objects bucket to bucket on S3Proxy, in one of three modes (one JVM per mode, so each mode's peak memory is
 * measured alone):
 *
 * <ul>
 *   <li>{@code seed}: writes the objects into {@code bench-artifacts}
 *   <li>{@code server-side}: {@link S3ArtifactStore#serverSideCopy} into {@code bench-releases} (same identity)
 *   <li>{@code stream}: download + upload into {@code bench-streamed} (a second identity, so no server-side copy)
 *   <li>{@code publish-server-side} and {@code publish-stream}: the product path, {@link Publisher} with trusted store
 *       checksums (verify source, copy, verify destination, write the manifest) into those buckets, as one release
 * </ul>
 *
 * Arguments: mode, endpoint, objects, object size in bytes, threads, optionally the name of the network between client
 * and server, printed as {@code link=} (default {@code loopback}; bench/promote.sh runs the client in a network namespace
 * behind a kernel-shaped veth link and names its rate) and the number of warm-up objects (default 200). Before the timed promotion, each mode first promotes the warm-up objects (keys under {@code
 * warmup/}, seeded too), untimed and uncounted: the client then runs compiled code, as a long-running service does,
 * instead of measuring the JIT compiling the SDK; {@code -DwarmupRounds=N} promotes them N times (default 1). Prints one
 * line of {@code key=value}: wall and CPU time of the timed promotion, the requests it sent by S3 operation, the bytes
 * through the client, and the CPU time of this JVM's threads and, with {@code -DserverPid=<pid>}, of the server's
 * threads during the timed promotion only, split into {@code work} (requests), {@code jit} (compiler threads) and
 * {@code gc} (see {@link ThreadCpu}).
 */
public final class PromoteBenchmark {

    private PromoteBenchmark() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        URI endpoint = URI.create(args[1]);
        int objects = Integer.parseInt(args[2]);
        long size = Long.parseLong(args[3]);
        int threads = Integer.parseInt(args[4]);
        String link = args.length > 5 ? args[5] : "loopback";
        int warmup = args.length > 6 ? Integer.parseInt(args[6]) : 200;
        long serverPid = Long.getLong("serverPid", 0);
        List<ArtifactKey> keys = IntStream.range(0, objects)
                .mapToObj(i -> ArtifactKey.of(
                        String.format(System.getProperty("keyFormat", "1a2b3c/dist/object-%05d.bin"), i)))
                .toList();
        List<ArtifactKey> warmupKeys = IntStream.range(0, warmup)
                .mapToObj(i -> ArtifactKey.of(String.format("warmup/object-%05d.bin", i)))
                .toList();
        String[] sha = new String[Math.max(objects, warmup)];
        for (int i = 0; i < sha.length; i++) {
            sha[i] = S3Fixtures.sha256OfGenerated(size, i);
        }
        CredentialSource keysOf = CredentialSource.staticKeys(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
        try (CountingHttpClient http = new CountingHttpClient();
                AwsIdentity ci = AwsIdentity.of(keysOf);
                AwsIdentity other = AwsIdentity.of(keysOf);
                S3ArtifactStore artifacts = store("bench-artifacts", endpoint, ci, http);
                S3ArtifactStore releases = store("bench-releases", endpoint, ci, http);
                S3ArtifactStore streamed = store("bench-streamed", endpoint, other, http)) {
            // daemon workers: a failed promotion ends the JVM instead of leaving idle workers keeping it alive
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r);
                t.setDaemon(true);
                return t;
            });
            // the seed mode writes the warm-up objects here; the others promote them, warmupRounds times (the same
            // keys again: no more memory on the server)
            int rounds = mode.equals("seed") ? 1 : Integer.getInteger("warmupRounds", 1);
            for (int r = 0; r < rounds; r++) {
                promote(pool, mode, "warmup-" + r, warmupKeys, sha, size, artifacts, releases, streamed);
            }
            http.reset();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long self = ProcessHandle.current().pid();
            Map<String, Double> clientBefore = ThreadCpu.snapshot(self);
            Map<String, Double> serverBefore = serverPid > 0 ? ThreadCpu.snapshot(serverPid) : Map.of();
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            promote(pool, mode, "timed", keys, sha, size, artifacts, releases, streamed);
            long wallMs = (System.nanoTime() - start) / 1_000_000;
            long cpuMs = (os.getProcessCpuTime() - cpuStart) / 1_000_000;
            Map<String, Double> serverAfter = serverPid > 0 ? ThreadCpu.snapshot(serverPid) : Map.of();
            Map<String, Double> clientAfter = ThreadCpu.snapshot(self);
            pool.shutdown();
            String serverCpu = serverPid > 0
                    ? " server_cpu_ms=" + ThreadCpu.total(serverBefore, serverAfter) + " server_cpu_by_kind_ms="
                            + ThreadCpu.delta(serverBefore, serverAfter)
                    : "";
            System.out.printf(
                    "mode=%s objects=%d size=%d threads=%d link=%s retries=%d wall_ms=%d client_cpu_ms=%d"
                            + " content_bytes_through_client=%d body_bytes_through_client=%d requests=%d"
                            + " requests_by_kind=%s client_cpu_by_kind_ms=%s%s%n",
                    mode,
                    objects,
                    size,
                    threads,
                    link,
                    RETRIES.get(),
                    wallMs,
                    cpuMs,
                    http.contentBytes(),
                    http.bodyBytes(),
                    http.sent().size(),
                    byKind(http.sent()),
                    ThreadCpu.delta(clientBefore, clientAfter),
                    serverCpu);
        }
    }

    private static void promote(
            ExecutorService pool,
            String mode,
            String round,
            List<ArtifactKey> keys,
            String[] sha,
            long size,
            S3ArtifactStore artifacts,
            S3ArtifactStore releases,
            S3ArtifactStore streamed)
            throws Exception {
        if (mode.startsWith("publish-")) {
            publish(
                    mode,
                    round + "-" + ProcessHandle.current().pid(),
                    keys,
                    ((ThreadPoolExecutor) pool).getCorePoolSize(),
                    artifacts,
                    releases,
                    streamed);
            return;
        }
        List<Future<?>> work = IntStream.range(0, keys.size())
                .<Future<?>>mapToObj(i -> pool.submit(() -> withRetries(() -> {
                    switch (mode) {
                        case "seed" -> artifacts.put(keys.get(i), S3Fixtures.generated(size, i, n -> {}), size, sha[i]);
                        case "server-side" ->
                            releases.serverSideCopy(artifacts, keys.get(i), keys.get(i), sha[i])
                                    .orElseThrow(() -> new IllegalStateException("no server-side copy"));
                        case "stream" -> {
                            try (InputStream in = artifacts.open(keys.get(i))) {
                                streamed.put(keys.get(i), in, size, sha[i]);
                            }
                        }
                        default -> throw new IllegalArgumentException("mode " + mode);
                    }
                    return null;
                })))
                .toList();
        for (Future<?> f : work) {
            f.get();
        }
        if (mode.equals("seed")) { // the manifest the publish modes verify the objects against
            String prefix = prefixOf(keys);
            StringBuilder sums = new StringBuilder();
            for (int i = 0; i < keys.size(); i++) {
                sums.append(sha[i])
                        .append("  ")
                        .append(keys.get(i).value().substring(prefix.length()))
                        .append('\n');
            }
            byte[] bytes = sums.toString().getBytes(StandardCharsets.UTF_8);
            artifacts.put(
                    ArtifactKey.of(prefix + "SHA256SUMS"),
                    new ByteArrayInputStream(bytes),
                    bytes.length,
                    S3Fixtures.sha256(bytes));
        }
    }

    /**
     * The whole product path, {@link Publisher}, with trusted store checksums: verify the source, copy (server-side
     * into {@code bench-releases}, streamed into {@code bench-streamed}), verify the destination, write the manifest.
     * Each round of each run publishes below its own destination prefix, so every object is copied.
     */
    /** Object attempts repeated after a retryable failure (a reset connection): counted, printed as retries=. */
    private static final java.util.concurrent.atomic.AtomicInteger RETRIES =
            new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Runs one object's promotion, again (up to 3 attempts) when it fails retryably, as the product's service guards do:
     * a streamed upload cannot be replayed by the SDK itself, so one reset connection would otherwise end the run.
     */
    private static Void withRetries(java.util.concurrent.Callable<Void> attempt) throws Exception {
        for (int i = 1; ; i++) {
            try {
                return attempt.call();
            } catch (io.releasekit.core.ReleaseException e) {
                if (!e.retryable() || i == 3) {
                    throw e;
                }
                RETRIES.incrementAndGet();
            }
        }
    }

    private static void publish(
            String mode,
            String round,
            List<ArtifactKey> keys,
            int threads,
            S3ArtifactStore artifacts,
            S3ArtifactStore releases,
            S3ArtifactStore streamed) {
        boolean serverSide = mode.equals("publish-server-side");
        if (!serverSide && !mode.equals("publish-stream")) {
            throw new IllegalArgumentException("mode " + mode);
        }
        String prefix = prefixOf(keys);
        try (ServiceGuards guards = ServiceGuards.withDefaults()) {
            PublishResult r = new Publisher(guards)
                    .publish(artifacts, prefix, serverSide ? releases : streamed, "published-" + round + "/" + prefix)
                    .trustStoreChecksums(true)
                    .concurrency(threads)
                    .call();
            CopyAction expected = serverSide ? CopyAction.COPIED_SERVER_SIDE : CopyAction.COPIED;
            if (r.copies().outcomes().size() != keys.size()
                    || r.copies().outcomes().stream().anyMatch(o -> o.action() != expected)) {
                throw new IllegalStateException("not every object was " + expected + ": " + r.summary());
            }
        }
    }

    /** The part of the keys' names up to and including the first {@code /}, or {@code ""}. */
    private static String prefixOf(List<ArtifactKey> keys) {
        String k = keys.get(0).value();
        return k.substring(0, k.indexOf('/') + 1);
    }

    /** Requests by S3 operation, e.g. {@code HeadObject:1000,CopyObject:1000}. */
    private static String byKind(List<CountingHttpClient.Sent> sent) {
        Map<String, Long> counts = sent.stream()
                .collect(Collectors.groupingBy(PromoteBenchmark::operation, TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
    }

    private static String operation(CountingHttpClient.Sent s) {
        if (s.isList()) {
            return "ListObjectsV2";
        }
        return switch (s.method()) {
            case "HEAD" -> "HeadObject";
            case "GET" -> s.downloadsContent() ? "GetObject" : "GET";
            case "PUT" ->
                s.copy()
                        ? (s.query().containsKey("partNumber") ? "UploadPartCopy" : "CopyObject")
                        : s.query().containsKey("partNumber") ? "UploadPart" : "PutObject";
            case "DELETE" -> "DeleteObject";
            default -> s.method();
        };
    }

    /** A store on the benchmark's S3Proxy, counted by {@code http}. */
    static S3ArtifactStore store(String bucket, URI endpoint, AwsIdentity identity, CountingHttpClient http) {
        return S3ArtifactStore.builder()
                .bucket(bucket)
                .region("us-east-1")
                .endpoint(endpoint)
                .pathStyle(true)
                .identity(identity)
                .httpClient(http)
                .build();
    }
}
