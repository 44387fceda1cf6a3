package io.releasekit.aws.bench;

import io.releasekit.aws.testkit.S3Fixtures;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * What S3Proxy's own storage work costs per object, without HTTP, authentication or a client: CPU time of one thread
 * calling the {@link BlobStore} that {@code bench/promote.sh} serves (S3Proxy 4.1.0's {@code transient-nio2} in
 * memory, or {@code filesystem-nio2} on disk) for what each request of a promotion makes it do: {@code copyBlob}
 * (CopyObject), {@code getBlob} read to the end (GetObject), {@code putBlob} (PutObject, its MD5 included),
 * {@code blobMetadata} (HeadObject), and the MD5 and SHA-256 of the object alone. Shows the floor of a CopyObject on
 * this server: S3Proxy's copy re-reads and re-hashes (MD5) every byte and writes a new file, so it costs about what
 * receiving the same object by PutObject costs on the store's side.
 *
 * <p>Arguments: {@code memory} or a directory, object size in bytes, iterations (after as many untimed ones).
 */
public final class BlobStoreCost {

    private BlobStoreCost() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        BlobStore store = args[0].equals("memory")
                ? new TransientNio2BlobStore()
                : new FilesystemNio2BlobStore(
                        Files.createDirectories(Path.of(args[0])).toString());
        int size = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        store.createContainer("src");
        store.createContainer("dst");
        byte[] content = S3Fixtures.generated(size, 1, x -> {}).readAllBytes();
        String md5 = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("MD5").digest(content));
        for (int round = 0; round < 2; round++) { // the first round warms up the JIT
            boolean timed = round == 1;
            report(
                    timed,
                    "putBlob",
                    n,
                    i -> store.putBlob(
                            PutObjectRequest.builder()
                                    .bucket("src")
                                    .key("o-" + i)
                                    .contentLength((long) size)
                                    .contentMD5(md5)
                                    .contentType("application/octet-stream")
                                    .build(),
                            new java.io.ByteArrayInputStream(content)));
            report(
                    timed,
                    "copyBlob",
                    n,
                    i -> store.copyBlob(CopyObjectRequest.builder()
                            .sourceBucket("src")
                            .sourceKey("o-" + i)
                            .destinationBucket("dst")
                            .destinationKey("o-" + i)
                            .build()));
            report(timed, "getBlob", n, i -> {
                try (InputStream in = store.getBlob(
                        GetObjectRequest.builder().bucket("src").key("o-" + i).build())) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            });
            report(
                    timed,
                    "blobMetadata",
                    n,
                    i -> store.blobMetadata(HeadObjectRequest.builder()
                            .bucket("src")
                            .key("o-" + i)
                            .build()));
            report(timed, "md5", n, i -> MessageDigest.getInstance("MD5").digest(content));
            report(timed, "sha256", n, i -> MessageDigest.getInstance("SHA-256").digest(content));
        }
    }

    private interface Op {
        void run(int i) throws Exception;
    }

    private static void report(boolean timed, String what, int n, Op op) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            op.run(i);
        }
        long ns = threads.getCurrentThreadCpuTime() - start;
        if (timed) {
            System.out.printf("%s_cpu_ms_per_object=%.2f%n", what, ns / 1e6 / n);
        }
    }
}
