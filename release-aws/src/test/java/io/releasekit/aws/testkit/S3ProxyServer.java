package io.releasekit.aws.testkit;

import java.net.URI;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An S3Proxy server in this JVM on a random loopback port, with AWS V4 authentication for one key pair. Tests reach it
 * only through the real AWS SDK client over HTTP (path-style, endpoint override). {@link #stop()} and
 * {@link #restart()} simulate an outage: the data survives, the port stays the same.
 */
public final class S3ProxyServer implements AutoCloseable {

    /**
     * The address S3Proxy listens on: loopback, unless {@code -Dreleasekit.s3proxy.host} names another (bench/promote.sh
     * serves a client in another network namespace across a rate-limited veth link).
     */
    private static final String HOST = System.getProperty("releasekit.s3proxy.host", "127.0.0.1");

    /** The access key id S3Proxy accepts unless another is given. */
    public static final String ACCESS_KEY = "AKIARELEASEKITTEST01";

    /** The secret key S3Proxy accepts unless another is given. */
    public static final String SECRET_KEY = "releasekit-test-secret-key-0123456789abcd";

    private final BlobStore blobStore;
    private final String accessKey;
    private final String secretKey;
    private volatile S3Proxy proxy;
    private int port;

    private S3ProxyServer(BlobStore blobStore, String accessKey, String secretKey) {
        this.blobStore = blobStore;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** A server keeping objects in memory, accepting {@link #ACCESS_KEY}/{@link #SECRET_KEY}. */
    public static S3ProxyServer inMemory() {
        return inMemory(ACCESS_KEY, SECRET_KEY);
    }

    /** A server keeping objects in memory that accepts only the given key pair. */
    public static S3ProxyServer inMemory(String accessKey, String secretKey) {
        return start(new TransientNio2BlobStore(), accessKey, secretKey);
    }

    /** A server keeping objects in files below {@code dir} (for large objects and benchmarks). */
    public static S3ProxyServer onDisk(Path dir) {
        return start(new FilesystemNio2BlobStore(dir.toString()), ACCESS_KEY, SECRET_KEY);
    }

    private static S3ProxyServer start(BlobStore store, String accessKey, String secretKey) {
        S3ProxyServer s = new S3ProxyServer(store, accessKey, secretKey);
        s.listen(0);
        return s;
    }

    /** The endpoint to give the SDK client, e.g. {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        return URI.create("http://" + HOST + ":" + port);
    }

    /** The access key id this server accepts. */
    public String accessKey() {
        return accessKey;
    }

    /** The secret key this server accepts. */
    public String secretKey() {
        return secretKey;
    }

    /** Creates a bucket directly in the backing store. */
    public S3ProxyServer createBucket(String name) {
        blobStore.createContainer(name);
        return this;
    }

    /** The backing store, to check what the server holds without going through HTTP. */
    public BlobStore blobStore() {
        return blobStore;
    }

    /** Stops listening; the port is refused until {@link #restart()}. */
    public void stop() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop S3Proxy", e);
        }
    }

    /** Listens again on the same port with the same data. */
    public void restart() {
        listen(port);
    }

    @Override
    public void close() {
        if (proxy != null && !"STOPPED".equals(proxy.getState())) {
            stop();
        }
    }

    private void listen(int wanted) {
        S3Proxy p = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://" + HOST + ":" + wanted))
                .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
                .ignoreUnknownHeaders(true)
                // an outage drill stops at once instead of draining the client's pooled connections
                .stopTimeout(0)
                .build();
        try {
            p.start(); // returns once Jetty listens
            if (!"STARTED".equals(p.getState())) {
                throw new IllegalStateException("S3Proxy did not start: " + p.getState());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy on port " + wanted, e);
        }
        this.proxy = p;
        this.port = p.getPort();
    }
}
