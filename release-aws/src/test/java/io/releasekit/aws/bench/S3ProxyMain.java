package io.releasekit.aws.bench;

import io.releasekit.aws.testkit.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs S3Proxy for the benchmark, in its own JVM so the client's memory is measured alone. Arguments: {@code memory}
 * or a data directory, then the buckets to create. Prints {@code endpoint=<url>} once listening; stops when stdin
 * closes.
 */
public final class S3ProxyMain {

    private S3ProxyMain() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        try (S3ProxyServer server = args[0].equals("memory")
                ? S3ProxyServer.inMemory()
                : S3ProxyServer.onDisk(Files.createDirectories(Path.of(args[0])))) {
            for (int i = 1; i < args.length; i++) {
                server.createBucket(args[i]);
            }
            System.out.println("endpoint=" + server.endpoint());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the script to close stdin
            }
        }
    }
}
