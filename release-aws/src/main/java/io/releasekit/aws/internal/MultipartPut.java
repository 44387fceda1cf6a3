package io.releasekit.aws.internal;

import io.releasekit.core.ConflictException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * A multipart upload streamed part by part through one reusable buffer of the part size: memory stays bounded by one
 * part whatever the object's size. Each part carries its own SHA-256 for S3 to verify; the whole object's SHA-256 is
 * checked here before the upload is completed, so a mismatching object never becomes visible. Any failure aborts the
 * upload (S3 then discards the parts).
 */
public final class MultipartPut {

    /** S3's limit on parts per upload. */
    public static final int MAX_PARTS = 10_000;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final long partSize;

    /**
     * @param s3 the client
     * @param bucket the bucket
     * @param key the full key (store prefix included)
     * @param partSize the part size (at least 5 MiB); raised when the object would need more than 10,000 parts
     * @param size the object's size
     */
    public MultipartPut(S3Client s3, String bucket, String key, long partSize, long size) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.partSize = Math.max(partSize, ceilDiv(size, MAX_PARTS));
        if (this.partSize > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("object of " + size + " bytes needs parts larger than 2 GiB");
        }
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
        } catch (RuntimeException e) {
            abort(s3, bucket, key, uploadId, e);
            throw e;
        }
    }

    private List<CompletedPart> uploadParts(String uploadId, InputStream content, long size, String sha256) {
        byte[] buffer = new byte[(int) Math.min(partSize, Math.max(size, 1))];
        MessageDigest whole = Digests.sha256();
        List<CompletedPart> parts = new ArrayList<>();
        long done = 0;
        int number = 1;
        while (done < size) {
            int n = fill(content, buffer, (int) Math.min(buffer.length, size - done));
            if (n == 0) {
                throw new ConflictException("content for '" + key + "' ended after " + done + " of the announced "
                        + size + " bytes; upload aborted, nothing was stored");
            }
            whole.update(buffer, 0, n);
            parts.add(uploadPart(uploadId, number++, buffer, n));
            done += n;
        }
        String actual = Digests.hex(whole.digest());
        if (!actual.equals(sha256)) {
            throw new ConflictException("content for '" + key + "' does not match: expected SHA-256 " + sha256
                    + ", got " + actual + "; upload aborted, nothing was stored");
        }
        return parts;
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
    static void abort(S3Client s3, String bucket, String key, String uploadId, RuntimeException cause) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static int fill(InputStream in, byte[] buffer, int wanted) {
        try {
            return in.readNBytes(buffer, 0, wanted);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the content failed", e);
        }
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
