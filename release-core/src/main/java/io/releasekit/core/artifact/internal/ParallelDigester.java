package io.releasekit.core.artifact.internal;

import io.releasekit.core.artifact.DigestAlgorithm;
import io.releasekit.core.artifact.signature.SignatureVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hashes many objects on a fixed number of workers. A remote object streams through one reusable buffer per worker
 * (1 MiB); a local file is hashed through memory-mapped windows unmapped as soon as they are hashed ({@link
 * MappedFiles}). Either way memory is bounded by the number of workers, whatever the objects' sizes. Uses the JDK's
 * {@link MessageDigest}, whose SHA-256 and SHA-512 are compiled to the CPU's SHA / AVX2 instructions.
 */
public final class ParallelDigester {

    /** The read buffer of each worker. */
    public static final int BUFFER_BYTES = 1 << 20;

    private ParallelDigester() {}

    /** Opens the bytes of one object. */
    @FunctionalInterface
    public interface Opener {
        /** Opens the stream; the digester closes it. */
        InputStream open() throws IOException;
    }

    /**
     * One object to hash.
     *
     * @param opener how to read it
     * @param file the local file holding it, when the store is a file system (hashed memory-mapped), else null
     * @param algorithm the digest to compute
     * @param signatures signature checks fed with the same bytes (may be empty)
     */
    public record Job(
            Opener opener, Path file, DigestAlgorithm algorithm, List<SignatureVerifier.DetachedCheck> signatures) {}

    /**
     * The digest of one object.
     *
     * @param hex lower-case hex digest
     * @param bytes bytes read
     */
    public record Digest(String hex, long bytes) {}

    /**
     * Hashes every job, {@code workers} at a time, and answers the digests in job order. The first failure stops the
     * others and is rethrown.
     */
    public static List<Digest> digest(List<Job> jobs, int workers, Progress progress) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        int n = Math.max(1, Math.min(workers, jobs.size()));
        BlockingQueue<byte[]> buffers = new ArrayBlockingQueue<>(n);
        for (int i = 0; i < n; i++) {
            buffers.add(new byte[BUFFER_BYTES]);
        }
        return Parallel.map(jobs, n, "releasekit-digest", job -> hash(job, buffers, progress));
    }

    /** Hashes one stream with a caller-supplied buffer (also used to compare an object already at a destination). */
    public static Digest digest(InputStream in, DigestAlgorithm algorithm, byte[] buffer) throws IOException {
        MessageDigest md = algorithm.newDigest();
        long total = 0;
        int r;
        while ((r = in.read(buffer)) >= 0) {
            md.update(buffer, 0, r);
            total += r;
        }
        return new Digest(HexFormat.of().formatHex(md.digest()), total);
    }

    private static Digest hash(Job job, BlockingQueue<byte[]> buffers, Progress progress) throws Exception {
        byte[] buf = buffers.take();
        try {
            if (job.file() != null && MappedFiles.available()) {
                MessageDigest md = job.algorithm().newDigest();
                List<MappedFiles.Sink> sinks = job.signatures().stream()
                        .<MappedFiles.Sink>map(s -> s::update)
                        .toList();
                long total = MappedFiles.hash(job.file(), md, sinks, buf, progress);
                progress.objectDone();
                return new Digest(HexFormat.of().formatHex(md.digest()), total);
            }
            return stream(job, buf, progress);
        } finally {
            buffers.put(buf);
        }
    }

    private static Digest stream(Job job, byte[] buf, Progress progress) throws Exception {
        try (InputStream in = job.opener().open()) {
            MessageDigest md = job.algorithm().newDigest();
            long total = 0;
            int r;
            while ((r = in.read(buf)) >= 0) {
                md.update(buf, 0, r);
                for (SignatureVerifier.DetachedCheck s : job.signatures()) {
                    s.update(buf, 0, r);
                }
                total += r;
                progress.bytes(r);
            }
            progress.objectDone();
            return new Digest(HexFormat.of().formatHex(md.digest()), total);
        }
    }
}
