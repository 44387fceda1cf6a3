package io.releasekit.core.artifact.internal;

import io.releasekit.core.NotFoundException;
import io.releasekit.core.artifact.DigestAlgorithm;
import io.releasekit.core.artifact.signature.SignatureVerifier;
import io.releasekit.core.internal.Parallel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hashes many objects on a fixed number of workers, each with its own reusable buffers (1 MiB), so memory is bounded by
 * the number of workers whatever the objects' sizes. A local file is hashed by libcrypto when {@link NativeDigest} is
 * available (read into a direct buffer, hashed in place), else through memory-mapped windows unmapped as soon as they
 * are hashed ({@link MappedFiles}); a remote object, or a file whose bytes also feed a signature check, streams through
 * the JDK's {@link MessageDigest}, whose SHA-256 and SHA-512 are compiled to the CPU's SHA / AVX2 instructions.
 */
public final class ParallelDigester {

    /** The read buffer of each worker. */
    public static final int BUFFER_BYTES = 1 << 20;

    private ParallelDigester() {}

    /**
     * What hashes local files in this JVM, for logs and reports: {@code libcrypto (OpenSSL 3.0.19 ...)} or the JDK
     * and why not libcrypto.
     */
    public static String engine() {
        return NativeDigest.status();
    }

    /** One worker's buffers: a heap array, and a direct buffer made on first native use. */
    private static final class Buffers {
        final byte[] heap = new byte[BUFFER_BYTES];
        private ByteBuffer direct;

        ByteBuffer direct() {
            if (direct == null) {
                direct = ByteBuffer.allocateDirect(BUFFER_BYTES);
            }
            return direct.clear();
        }
    }

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
     * @param hex lower-case hex digest; null when the object vanished before it could be read
     * @param bytes bytes read
     */
    public record Digest(String hex, long bytes) {

        /** An object listed a moment before that was gone when it was opened (deleted by another writer). */
        public static Digest missing() {
            return new Digest(null, 0);
        }

        /** Whether the object was gone when it was opened. */
        public boolean isMissing() {
            return hex == null;
        }
    }

    /**
     * Hashes every job, {@code workers} at a time, and answers the digests in job order. The first failure stops the
     * others and is rethrown.
     */
    public static List<Digest> digest(List<Job> jobs, int workers, Progress progress) {
        return digest(jobs, workers, progress, NativeDigest.available());
    }

    /** As {@link #digest(List, int, Progress)}; {@code useNative} false keeps local files on the JDK's digests. */
    static List<Digest> digest(List<Job> jobs, int workers, Progress progress, boolean useNative) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        int n = Math.max(1, Math.min(workers, jobs.size()));
        BlockingQueue<Buffers> buffers = new ArrayBlockingQueue<>(n);
        for (int i = 0; i < n; i++) {
            buffers.add(new Buffers());
        }
        return Parallel.map(jobs, n, "releasekit-digest", job -> hash(job, buffers, progress, useNative));
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

    private static Digest hash(Job job, BlockingQueue<Buffers> buffers, Progress progress, boolean useNative)
            throws Exception {
        Buffers buf = buffers.take();
        try {
            return hashPresent(job, buf, progress, useNative);
        } catch (NoSuchFileException | NotFoundException e) {
            // listed, then deleted by another writer before it was read: missing, not an internal error
            progress.objectDone();
            return Digest.missing();
        } finally {
            buffers.put(buf);
        }
    }

    private static Digest hashPresent(Job job, Buffers buf, Progress progress, boolean useNative) throws Exception {
        if (useNative && job.file() != null && job.signatures().isEmpty()) {
            Digest d = hashNatively(job.file(), job.algorithm(), buf.direct(), progress);
            if (d != null) {
                return d;
            }
        }
        if (job.file() != null && MappedFiles.available()) {
            MessageDigest md = job.algorithm().newDigest();
            List<MappedFiles.Sink> sinks = job.signatures().stream()
                    .<MappedFiles.Sink>map(s -> s::update)
                    .toList();
            long total = MappedFiles.hash(job.file(), md, sinks, buf.heap, progress);
            progress.objectDone();
            return new Digest(HexFormat.of().formatHex(md.digest()), total);
        }
        return stream(job, buf.heap, progress);
    }

    /**
     * Reads a file into a direct buffer and hashes it there with libcrypto; null, before reading anything, when
     * libcrypto refuses the algorithm (e.g. a FIPS build without it). A file that shrinks meanwhile yields fewer bytes
     * (a size mismatch for the caller), never a crash: nothing is memory-mapped.
     */
    static Digest hashNatively(Path file, DigestAlgorithm algorithm, ByteBuffer buffer, Progress progress)
            throws IOException {
        NativeDigest started;
        try {
            started = NativeDigest.start(algorithm);
        } catch (IllegalStateException e) {
            return null;
        }
        try (NativeDigest md = started;
                FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long total = 0;
            buffer.clear();
            while (ch.read(buffer) >= 0) {
                buffer.flip();
                int n = buffer.remaining();
                md.update(buffer);
                buffer.clear();
                total += n;
                progress.bytes(n);
            }
            progress.objectDone();
            return new Digest(HexFormat.of().formatHex(md.finish()), total);
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
