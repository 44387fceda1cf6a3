package io.releasekit.aws.bench;

import static io.releasekit.aws.testkit.S3Fixtures.generated;
import static io.releasekit.aws.testkit.S3Fixtures.sha256OfGenerated;
import static io.releasekit.aws.testkit.S3Fixtures.storeOn;

import io.releasekit.aws.S3ArtifactStore;
import io.releasekit.aws.testkit.S3ProxyServer;
import io.releasekit.core.artifact.ArtifactKey;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;

/**
 * Times the multipart upload of one large object to an in-process S3Proxy (memory backend) with one part at a time
 * against several at once. Arguments (all optional): object MiB (256), part MiB (16, the default part size), rounds
 * per setting (3), per-connection Mbit/s (0 = loopback, unpaced), then the concurrencies to compare (1 4). A non-zero
 * per-connection rate paces each request body on its own, like S3's per-connection throughput, which is what parallel
 * parts work around; loopback has no such limit. Prints one line per upload and a median per setting.
 */
public final class MultipartUploadBenchmark {

    private static final long MIB = 1024 * 1024;

    private MultipartUploadBenchmark() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        long size = (args.length > 0 ? Long.parseLong(args[0]) : 256) * MIB;
        long part = (args.length > 1 ? Long.parseLong(args[1]) : 16) * MIB;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        long mbps = args.length > 3 ? Long.parseLong(args[3]) : 0;
        int[] settings = args.length > 4
                ? java.util.Arrays.stream(args, 4, args.length)
                        .mapToInt(Integer::parseInt)
                        .toArray()
                : new int[] {1, 4};
        String sha = sha256OfGenerated(size, 42);
        System.out.printf(
                Locale.ROOT,
                "object=%d MiB part=%d MiB rounds=%d link=%s cpus=%d%n",
                size / MIB,
                part / MIB,
                rounds,
                mbps == 0 ? "loopback" : mbps + " Mbit/s per connection",
                Runtime.getRuntime().availableProcessors());
        try (S3ProxyServer server = S3ProxyServer.inMemory()) {
            server.createBucket("bench-upload");
            SdkHttpClient http = mbps == 0
                    ? Apache5HttpClient.create()
                    : new PerConnectionPace(Apache5HttpClient.create(), mbps * 1_000_000 / 8);
            double[][] seconds = new double[settings.length][rounds];
            // warm-up: one untimed upload per setting (JIT, connection pool)
            for (int n : settings) {
                upload(server, http, n, part, size, sha, "warm-up");
            }
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < settings.length; i++) {
                    seconds[i][r] = upload(server, http, settings[i], part, size, sha, "round " + (r + 1));
                }
            }
            for (int i = 0; i < settings.length; i++) {
                double[] s = seconds[i].clone();
                java.util.Arrays.sort(s);
                double median = s[s.length / 2];
                System.out.printf(
                        Locale.ROOT,
                        "N=%d median %.2f s = %.0f MiB/s%n",
                        settings[i],
                        median,
                        size / (double) MIB / median);
            }
            http.close();
        }
    }

    private static double upload(
            S3ProxyServer server, SdkHttpClient http, int n, long part, long size, String sha, String label) {
        try (S3ArtifactStore store = storeOn(server, "bench-upload")
                .multipartThreshold(part)
                .partSize(part)
                .uploadConcurrency(n)
                .httpClient(http)
                .build()) {
            ArtifactKey key = ArtifactKey.of("big-" + n + ".bin");
            long start = System.nanoTime();
            store.put(key, generated(size, 42, x -> {}), size, sha);
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%s N=%d %.2f s%n", label, n, s);
            server.blobStore().removeBlob("bench-upload", "big-" + n + ".bin");
            return s;
        }
    }

    /** Paces each request body on its own at a fixed rate. */
    private static final class PerConnectionPace implements SdkHttpClient {
        private final SdkHttpClient delegate;
        private final long bytesPerSecond;

        PerConnectionPace(SdkHttpClient delegate, long bytesPerSecond) {
            this.delegate = delegate;
            this.bytesPerSecond = bytesPerSecond;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            HttpExecuteRequest.Builder b = HttpExecuteRequest.builder()
                    .request(request.httpRequest())
                    .metricCollector(request.metricCollector().orElse(null));
            request.contentStreamProvider().ifPresent(p -> b.contentStreamProvider(() -> new Paced(p.newStream())));
            return delegate.prepareRequest(b.build());
        }

        @Override
        public String clientName() {
            return "paced-" + delegate.clientName();
        }

        @Override
        public void close() {
            delegate.close();
        }

        private final class Paced extends FilterInputStream {
            private final long start = System.nanoTime();
            private long sent;

            Paced(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, Math.min(len, 64 * 1024));
                if (n > 0) {
                    sent += n;
                    long due = start + sent * 1_000_000_000L / bytesPerSecond;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                return n;
            }
        }
    }
}
