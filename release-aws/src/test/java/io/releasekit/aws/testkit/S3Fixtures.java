package io.releasekit.aws.testkit;

import io.releasekit.aws.AwsIdentity;
import io.releasekit.aws.CredentialSource;
import io.releasekit.aws.S3ArtifactStore;
import io.releasekit.aws.S3ArtifactStoreBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/** Small helpers for S3 store tests: a builder aimed at an S3Proxy, digests, generated content. */
public final class S3Fixtures {

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private S3Fixtures() {}

    /** A store builder for {@code bucket} on {@code server}: path-style, us-east-1, the server's own keys. */
    public static S3ArtifactStoreBuilder storeOn(S3ProxyServer server, String bucket) {
        return S3ArtifactStore.builder()
                .bucket(bucket)
                .region("us-east-1")
                .endpoint(server.endpoint())
                .pathStyle(true)
                .credentials(CredentialSource.staticKeys(server.accessKey(), server.secretKey()));
    }

    /**
     * A store builder for {@code bucket} on {@code server} with an identity shared by other stores (so that a copy
     * between them is server-side, CopyObject): path-style, us-east-1.
     */
    public static S3ArtifactStoreBuilder storeSharing(S3ProxyServer server, String bucket, AwsIdentity identity) {
        return S3ArtifactStore.builder()
                .bucket(bucket)
                .region("us-east-1")
                .endpoint(server.endpoint())
                .pathStyle(true)
                .identity(identity);
    }

    /** A fresh bucket name, created on {@code server}. */
    public static String newBucket(S3ProxyServer server, String hint) {
        String name = hint + "-" + BUCKETS.incrementAndGet();
        server.createBucket(name);
        return name;
    }

    /** The hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** The hex SHA-256 of the generated content of {@code size} bytes with {@code seed}. */
    public static String sha256OfGenerated(long size, int seed) {
        MessageDigest d = digest();
        try (InputStream in = generated(size, seed, n -> {})) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    /**
     * {@code size} bytes of deterministic content, generated while read (never held in memory); {@code onRead} sees
     * the running count of bytes read.
     */
    public static InputStream generated(long size, int seed, LongConsumer onRead) {
        return new InputStream() {
            private long pos;

            @Override
            public int read() {
                if (pos >= size) {
                    return -1;
                }
                int b = byteAt(pos++);
                onRead.accept(pos);
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - pos);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) byteAt(pos + i);
                }
                pos += n;
                onRead.accept(pos);
                return n;
            }

            private int byteAt(long i) {
                long x = (i + seed) * 0x9E3779B97F4A7C15L;
                return (int) ((x ^ (x >>> 29)) & 0xff);
            }
        };
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Puts {@code bytes} at {@code key} through the store's guard, which retries the put (S3Proxy now and then drops a
     * kept-alive connection).
     */
    public static void putGuarded(
            io.releasekit.core.artifact.ArtifactStore store,
            io.releasekit.core.service.ServiceGuards guards,
            String key,
            byte[] bytes) {
        new io.releasekit.core.artifact.ArtifactStores(java.util.Map.of("s", store), guards)
                .get("s")
                .put(
                        io.releasekit.core.artifact.ArtifactKey.of(key),
                        new java.io.ByteArrayInputStream(bytes),
                        bytes.length,
                        sha256(bytes));
    }
}
