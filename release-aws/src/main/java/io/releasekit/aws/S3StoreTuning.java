package io.releasekit.aws;

import io.releasekit.core.InvalidInputException;

/**
 * Size limits and page sizes of an {@link S3ArtifactStore}.
 *
 * @param multipartThreshold objects larger than this are uploaded in parts (default 64 MiB)
 * @param partSize the size of each uploaded part, and of the one buffer a put holds (default 16 MiB, at least 5 MiB)
 * @param multipartCopyThreshold objects larger than this are copied with UploadPartCopy (default and maximum 5 GiB, the
 *     CopyObject limit)
 * @param copyPartSize the size of each copied part (default 512 MiB, 5 MiB to 5 GiB)
 * @param listPageSize keys per ListObjectsV2 page (default and maximum 1000)
 * @param sdkMaxAttempts attempts the SDK itself makes per HTTP request, the first included (default 3; 1 leaves all
 *     retrying to the service guards)
 * @param uploadConcurrency parts of one multipart upload sent at once, and part buffers it holds (default 4, 1 to 64):
 *     a put holds at most {@code uploadConcurrency × partSize} bytes
 */
public record S3StoreTuning(
        long multipartThreshold,
        long partSize,
        long multipartCopyThreshold,
        long copyPartSize,
        int listPageSize,
        int sdkMaxAttempts,
        int uploadConcurrency) {

    /** 1 MiB. */
    public static final long MIB = 1024L * 1024;

    /** S3's smallest part (except the last). */
    public static final long MIN_PART = 5 * MIB;

    /** The largest upload part: parts are buffered in memory, in a byte array. */
    public static final long MAX_BUFFERED_PART = 2 * 1024 * MIB - 64;

    /** The most parts one upload may send at once. */
    public static final int MAX_UPLOAD_CONCURRENCY = 64;

    /** S3's largest part, and the largest object CopyObject copies. */
    public static final long MAX_PART = 5 * 1024 * MIB;

    public S3StoreTuning {
        if (multipartThreshold < 0) {
            throw new InvalidInputException("multipart threshold must not be negative, was " + multipartThreshold);
        }
        if (partSize < MIN_PART || partSize > MAX_BUFFERED_PART) {
            throw new InvalidInputException(
                    "part size must be between 5 MiB and 2 GiB (it is held in memory), was " + partSize);
        }
        if (multipartCopyThreshold < 0 || multipartCopyThreshold > MAX_PART) {
            throw new InvalidInputException(
                    "multipart copy threshold must be between 0 and 5 GiB, was " + multipartCopyThreshold);
        }
        if (copyPartSize < MIN_PART || copyPartSize > MAX_PART) {
            throw new InvalidInputException("copy part size must be between 5 MiB and 5 GiB, was " + copyPartSize);
        }
        if (listPageSize < 1 || listPageSize > 1000) {
            throw new InvalidInputException("list page size must be between 1 and 1000, was " + listPageSize);
        }
        if (sdkMaxAttempts < 1 || sdkMaxAttempts > 10) {
            throw new InvalidInputException("SDK attempts must be between 1 and 10, was " + sdkMaxAttempts);
        }
        if (uploadConcurrency < 1 || uploadConcurrency > MAX_UPLOAD_CONCURRENCY) {
            throw new InvalidInputException("upload concurrency must be between 1 and " + MAX_UPLOAD_CONCURRENCY
                    + ", was " + uploadConcurrency);
        }
    }

    /**
     * The defaults: 64 MiB threshold, 16 MiB parts, 5 GiB copy threshold, 512 MiB copy parts, 1000 keys, 3 attempts, 4
     * parts at once.
     */
    public static S3StoreTuning defaults() {
        return new S3StoreTuning(64 * MIB, 16 * MIB, MAX_PART, 512 * MIB, 1000, 3, 4);
    }

    /** This tuning with another multipart threshold; checked as the constructor checks it. */
    public S3StoreTuning withMultipartThreshold(long bytes) {
        return new S3StoreTuning(
                bytes, partSize, multipartCopyThreshold, copyPartSize, listPageSize, sdkMaxAttempts, uploadConcurrency);
    }

    /** This tuning with another part size; checked as the constructor checks it. */
    public S3StoreTuning withPartSize(long bytes) {
        return new S3StoreTuning(
                multipartThreshold,
                bytes,
                multipartCopyThreshold,
                copyPartSize,
                listPageSize,
                sdkMaxAttempts,
                uploadConcurrency);
    }

    /** This tuning with another upload concurrency; checked as the constructor checks it. */
    public S3StoreTuning withUploadConcurrency(int parts) {
        return new S3StoreTuning(
                multipartThreshold,
                partSize,
                multipartCopyThreshold,
                copyPartSize,
                listPageSize,
                sdkMaxAttempts,
                parts);
    }
}
