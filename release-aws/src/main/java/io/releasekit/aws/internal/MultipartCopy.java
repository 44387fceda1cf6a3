package io.releasekit.aws.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyPartResult;

/**
 * A server-side copy in parts (UploadPartCopy), for objects above CopyObject's 5 GiB limit: no byte passes through this
 * process. Every part is copied only if the source still has the ETag that was checked ({@code
 * x-amz-copy-source-if-match}), so a source replaced mid-copy fails the copy instead of mixing two objects. The
 * metadata (with the recorded SHA-256) is set when the upload is created. Any failure aborts the upload.
 */
public final class MultipartCopy {

    /** The largest part UploadPartCopy accepts. */
    public static final long MAX_PART = 5L * 1024 * 1024 * 1024;

    private MultipartCopy() {}

    /**
     * Copies {@code size} bytes of {@code sourceBucket/sourceKey} (ETag {@code eTag}) to {@code bucket/key}.
     */
    public static void copy(
            S3Client s3,
            String sourceBucket,
            String sourceKey,
            String eTag,
            long size,
            String bucket,
            String key,
            Map<String, String> metadata,
            String contentType,
            long partSize) {
        long part = Math.min(MAX_PART, Math.max(partSize, MultipartPut.ceilDiv(size, MultipartPut.MAX_PARTS)));
        String uploadId = s3.createMultipartUpload(
                        b -> b.bucket(bucket).key(key).metadata(metadata).contentType(contentType))
                .uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < size; offset += part) {
                long last = Math.min(size, offset + part) - 1;
                int n = number++;
                String range = "bytes=" + offset + "-" + last;
                CopyPartResult r = s3.uploadPartCopy(b -> b.sourceBucket(sourceBucket)
                                .sourceKey(sourceKey)
                                .copySourceIfMatch(eTag)
                                .copySourceRange(range)
                                .destinationBucket(bucket)
                                .destinationKey(key)
                                .uploadId(uploadId)
                                .partNumber(n))
                        .copyPartResult();
                parts.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).build());
            }
            s3.completeMultipartUpload(
                    b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            MultipartPut.abort(s3, bucket, key, uploadId, e);
            throw e;
        }
    }
}
