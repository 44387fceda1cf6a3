package io.releasekit.aws.internal;

import io.releasekit.core.ConflictException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * A multipart upload that sends up to {@code concurrency} parts at once while holding at most {@code concurrency}
 * buffers of the part size: memory stays bounded by {@code concurrency × partSize} whatever the object's size.
 *
 * <p>The caller's thread reads the source once, in order, into a free buffer (waiting for one when all are in flight),
 * feeds the whole object's SHA-256, and hands the buffer to a part thread; the buffer comes back when its UploadPart
 * answers. Each part carries its own SHA-256 for S3 to verify; the whole object's SHA-256 is checked here before the
 * upload is completed (parts listed in part-number order), so a mismatching object never becomes visible.
 *
 * <p>The first failure (a part, the source, an interrupt) stops reading; the parts still in flight are waited for —
 * an AbortMultipartUpload racing a part could leave that part stored — and then the upload is aborted (S3 discards
 * its parts) and that first failure is thrown, untranslated, for the caller to translate once; later part failures
 * are attached to it as suppressed.
 */
public final class MultipartPut {

    /** The most bytes asked of the source in one read (see {@link #fill}). */
    static final int READ_CHUNK = 1 << 20;

    /** S3's limit on parts per upload. */
    public static final int MAX_PARTS = 10_000;

    private static final AtomicInteger UPLOADS = new AtomicInteger();

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final long partSize;
    private final int concurrency;

    /**
     * @param s3 the client
     * @param bucket the bucket
     * @param key the full key (store prefix included)
     * @param partSize the part size (at least 5 MiB); raised when the object would need more than 10,000 parts
     * @param size the object's size
     * @param concurrency the most parts in flight, and buffers held, at once (at least 1)
     */
    public MultipartPut(S3Client s3, String bucket, String key, long partSize, long size, int concurrency) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.partSize = Math.max(partSize, ceilDiv(size, MAX_PARTS));
        if (this.partSize > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("object of " + size + " bytes needs parts larger than 2 GiB");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("upload concurrency must be at least 1, was " + concurrency);
        }
        this.concurrency = concurrency;
    }

    /** The part size in use. */
    public long partSize() {
        return partSize;
    }

    /**
     * Uploads {@code size} bytes of {@code content} whose SHA-256 must be {@code sha256}.
     *
     * @throws ConflictException when the content is shorter than {@code size} or its digest differs (upload aborted)
     */
    public void upload(InputStream content, long size, String sha256, Map<String, String> metadata) {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket)
                        .key(key)
                        .metadata(metadata)
                        .contentType("application/octet-stream")
                        .checksumAlgorithm(ChecksumAlgorithm.SHA256))
                .uploadId();
        try {
            List<CompletedPart> parts = uploadParts(uploadId, content, size, sha256);
            s3.completeMultipartUpload(
                    b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException | Error e) {
            // an interrupted thread would have its AbortMultipartUpload refused by the SDK: abort first, then restore
            boolean interrupted = Thread.interrupted();
            abort(s3, bucket, key, uploadId, e);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
    }

    private List<CompletedPart> uploadParts(String uploadId, InputStream content, long size, String sha256) {
        int bufferSize = (int) Math.min(partSize, Math.max(size, 1));
        CompletedPart[] done = new CompletedPart[(int) ceilDiv(size, partSize)];
        Parts parts = new Parts(concurrency, bufferSize);
        ExecutorService pool = concurrency == 1 ? null : Executors.newFixedThreadPool(concurrency, threads());
        Executor executor = pool == null ? Runnable::run : pool;
        MessageDigest whole = Digests.sha256();
        try {
            long read = 0;
            int number = 1;
            while (read < size) {
                byte[] buffer = parts.take();
                if (buffer == null) {
                    break; // a part failed: read no further
                }
                int n;
                try {
                    n = fill(content, buffer, (int) Math.min(buffer.length, size - read));
                } catch (RuntimeException | Error e) {
                    parts.give(buffer);
                    throw e;
                }
                if (n == 0) {
                    parts.give(buffer);
                    throw new ConflictException("content for '" + key + "' ended after " + read + " of the announced "
                            + size + " bytes; upload aborted, nothing was stored");
                }
                whole.update(buffer, 0, n);
                int partNumber = number++;
                int length = n;
                try {
                    executor.execute(() -> {
                        try {
                            done[partNumber - 1] = uploadPart(uploadId, partNumber, buffer, length);
                            parts.give(buffer);
                        } catch (RuntimeException | Error e) {
                            parts.fail(buffer, e);
                        }
                    });
                } catch (RejectedExecutionException e) {
                    parts.give(buffer);
                    throw e;
                }
                read += n;
            }
        } catch (RuntimeException | Error e) {
            parts.awaitAll();
            parts.attachFailuresTo(e);
            throw e;
        } finally {
            parts.awaitAll();
            if (pool != null) {
                pool.shutdown();
            }
        }
        parts.rethrowFailure();
        String actual = Digests.hex(whole.digest());
        if (!actual.equals(sha256)) {
            throw new ConflictException("content for '" + key + "' does not match: expected SHA-256 " + sha256
                    + ", got " + actual + "; upload aborted, nothing was stored");
        }
        return Arrays.asList(done);
    }

    private CompletedPart uploadPart(String uploadId, int number, byte[] buffer, int n) {
        MessageDigest d = Digests.sha256();
        d.update(buffer, 0, n);
        String partSha = Digests.base64(d.digest());
        // a content provider over the buffer lets the SDK replay the part on a retry without copying it
        RequestBody body = RequestBody.fromContentProvider(
                () -> new ByteArrayInputStream(buffer, 0, n), n, "application/octet-stream");
        UploadPartResponse r = s3.uploadPart(
                b -> b.bucket(bucket)
                        .key(key)
                        .uploadId(uploadId)
                        .partNumber(number)
                        .contentLength((long) n)
                        .checksumAlgorithm(ChecksumAlgorithm.SHA256)
                        .checksumSHA256(partSha),
                body);
        return CompletedPart.builder()
                .partNumber(number)
                .eTag(r.eTag())
                .checksumSHA256(r.checksumSHA256() == null ? partSha : r.checksumSHA256())
                .build();
    }

    /** Aborts an upload, recording a failure to abort on {@code cause}. */
    static void abort(S3Client s3, String bucket, String key, String uploadId, Throwable cause) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Reads up to {@code wanted} bytes (fewer only at the end of the stream), at most {@link #READ_CHUNK} per read: a
     * file's stream reads through a temporary direct buffer as large as the read, which the JDK keeps per thread, so
     * one 16 MiB read per upload thread left 16 MiB of native memory with each of them (a directory publish peaked at
     * 422 MB RSS; docs/benchmarks.md, session 7).
     */
    static int fill(InputStream in, byte[] buffer, int wanted) {
        int n = 0;
        try {
            while (n < wanted) {
                int read = in.read(buffer, n, Math.min(READ_CHUNK, wanted - n));
                if (read < 0) {
                    break;
                }
                n += read;
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the content failed", e);
        }
    }

    private static ThreadFactory threads() {
        int upload = UPLOADS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "releasekit-s3-upload-" + upload + "-part-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /**
     * The buffers of one upload: a permit per buffer that may exist, free buffers kept for reuse, and the first part
     * failure.
     */
    private static final class Parts {
        private final int count;
        private final int bufferSize;
        private final Semaphore permits;
        private final Deque<byte[]> free = new ArrayDeque<>();
        private Throwable failure;

        Parts(int count, int bufferSize) {
            this.count = count;
            this.bufferSize = bufferSize;
            this.permits = new Semaphore(count);
        }

        /** A free buffer, waiting while all are in flight; {@code null} once a part has failed. */
        byte[] take() {
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw AbortedException.builder()
                        .message("interrupted while uploading parts; upload aborted, nothing was stored")
                        .cause(e)
                        .build();
            }
            synchronized (this) {
                if (failure != null) {
                    permits.release();
                    return null;
                }
                byte[] b = free.poll();
                return b != null ? b : new byte[bufferSize];
            }
        }

        /** Returns a buffer after its part succeeded (or was never sent). */
        void give(byte[] buffer) {
            synchronized (this) {
                free.push(buffer);
            }
            permits.release();
        }

        /** Returns a buffer after its part failed, keeping the first failure and attaching later ones to it. */
        void fail(byte[] buffer, Throwable e) {
            synchronized (this) {
                if (failure == null) {
                    failure = e;
                } else if (failure != e) {
                    failure.addSuppressed(e);
                }
            }
            give(buffer);
        }

        /** Waits, uninterruptibly, until no part is in flight. */
        void awaitAll() {
            permits.acquireUninterruptibly(count);
            permits.release(count);
        }

        synchronized void attachFailuresTo(Throwable e) {
            if (failure != null && failure != e) {
                e.addSuppressed(failure);
            }
        }

        synchronized void rethrowFailure() {
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error err) {
                throw err;
            }
        }
    }
}
