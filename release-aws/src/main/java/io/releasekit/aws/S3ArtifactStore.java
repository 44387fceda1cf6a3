package io.releasekit.aws;

import io.releasekit.aws.internal.DigestingInputStream;
import io.releasekit.aws.internal.Digests;
import io.releasekit.aws.internal.MultipartCopy;
import io.releasekit.aws.internal.MultipartPut;
import io.releasekit.aws.internal.S3Errors;
import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.ReleaseException;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ListingPage;
import io.releasekit.core.artifact.ObjectInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@link ArtifactStore} in an S3 bucket below a key prefix, on the AWS SDK v2 (sync client, Apache 5 HTTP client).
 * Works with AWS and with S3-compatible servers (endpoint override, path-style access).
 *
 * <ul>
 *   <li>{@link #put} sends the SHA-256 as the object's checksum ({@code x-amz-checksum-sha256}) so S3 verifies the
 *       bytes, and records it as {@code x-amz-meta-releasekit-sha256} so {@link #stat} returns it without a download.
 *       Objects above the multipart threshold (64 MiB) are uploaded in parts (16 MiB), 4 parts at once through at most 4 part buffers.
 *   <li>{@link #serverSideCopy} copies inside S3 (CopyObject; UploadPartCopy above 5 GiB) when the source store uses
 *       the same {@link AwsIdentity} object, region and endpoint, and the source's recorded SHA-256 is the expected
 *       one.
 *   <li>Failures become releasekit exceptions in one place ({@link S3Errors}); {@link #service()} is {@code
 *       s3:<region>}, and {@link #services()} adds {@code sts:<region>} for an assumed role.
 * </ul>
 *
 * <pre>{@code
 * S3ArtifactStore artifacts = S3ArtifactStore.builder()
 *         .bucket("ferrocene-ci-artifacts")
 *         .region("us-east-1")
 *         .credentials(CredentialSource.assumeRole("arn:aws:iam::886866542769:role/publish-release"))
 *         .guards(guards)
 *         .build();
 * }</pre>
 */
public final class S3ArtifactStore implements ArtifactStore, AutoCloseable {

    /** The user-metadata key (without {@code x-amz-meta-}) holding the hex SHA-256 of objects releasekit wrote. */
    public static final String SHA256_METADATA = "releasekit-sha256";

    /**
     * The caller's stream can be read only once, so the SDK must not retry a single PutObject (it would fail with
     * "does not support mark/reset" and lose the real cause); the caller's guard retries the whole put instead.
     */
    private static final SdkPlugin NO_SDK_RETRY =
            config -> config.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String region;
    private final URI endpoint;
    private final AwsIdentity identity;
    private final boolean ownsIdentity;
    private final S3StoreTuning tuning;
    private final String service;

    S3ArtifactStore(
            S3Client s3,
            String bucket,
            String prefix,
            String region,
            URI endpoint,
            AwsIdentity identity,
            boolean ownsIdentity,
            S3StoreTuning tuning) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.region = region;
        this.endpoint = endpoint;
        this.identity = identity;
        this.ownsIdentity = ownsIdentity;
        this.tuning = tuning;
        this.service = "s3:" + region;
    }

    /** Starts a builder; {@link S3ArtifactStoreBuilder#bucket} and {@link S3ArtifactStoreBuilder#region} are required. */
    public static S3ArtifactStoreBuilder builder() {
        return new S3ArtifactStoreBuilder();
    }

    /** The bucket. */
    public String bucket() {
        return bucket;
    }

    /** The key prefix, {@code ""} or ending with {@code /}. */
    public String prefix() {
        return prefix;
    }

    /** The region. */
    public String region() {
        return region;
    }

    /** The endpoint override, if one is set (an S3-compatible server). */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** The credentials this store signs with. */
    public AwsIdentity identity() {
        return identity;
    }

    /** The size limits and page sizes in force. */
    public S3StoreTuning tuning() {
        return tuning;
    }

    @Override
    public String location() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public Optional<String> service() {
        return Optional.of(service);
    }

    /** The guarded services this store depends on: {@code s3:<region>} and, for an assumed role, {@code sts:<region>}. */
    @Override
    public List<String> services() {
        List<String> all = new ArrayList<>();
        all.add(service);
        identity.services().stream().filter(s -> !all.contains(s)).forEach(all::add);
        return List.copyOf(all);
    }

    /**
     * {@inheritDoc}
     *
     * <p>ListObjectsV2, page by page ({@link S3StoreTuning#listPageSize()} keys each). Listings carry no user metadata
     * and no checksum values, so the infos have no SHA-256 ({@link #stat} returns it), but each has its ETag: a
     * publication recognises an object it verified before by size and ETag without a request per object. Folder markers and keys no artifact can have (e.g. {@code
     * a//b}) are left out.
     */
    @Override
    public List<ObjectInfo> list(String keyPrefix) {
        List<ObjectInfo> out = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            ListingPage page = listPage(keyPrefix, token);
            out.addAll(page.objects());
            token = page.next();
        } while (token.isPresent());
        out.sort(Comparator.comparing(ObjectInfo::key));
        return out;
    }

    /**
     * {@inheritDoc}
     *
     * <p>One ListObjectsV2 request of up to the tuning's page size; the token is S3's continuation token.
     */
    @Override
    public ListingPage listPage(String keyPrefix, Optional<String> token) {
        return page(keyPrefix, token, Optional.empty());
    }

    /**
     * {@inheritDoc}
     *
     * <p>One ListObjectsV2 request with {@code StartAfter}; the next pages by continuation token as {@link #listPage}.
     */
    @Override
    public ListingPage listPageAfter(String keyPrefix, String startAfter) {
        return page(keyPrefix, Optional.empty(), Optional.of(prefix + startAfter));
    }

    private ListingPage page(String keyPrefix, Optional<String> token, Optional<String> startAfter) {
        String full = prefix + (keyPrefix == null ? "" : keyPrefix);
        return call("list of '" + full + "' in s3://" + bucket + "/", () -> {
            ListObjectsV2Response page = s3.listObjectsV2(b -> {
                b.bucket(bucket).prefix(full).maxKeys(tuning.listPageSize());
                token.ifPresent(b::continuationToken);
                startAfter.ifPresent(b::startAfter);
            });
            List<ObjectInfo> out = new ArrayList<>();
            for (S3Object o : page.contents()) {
                relativeKey(o.key())
                        .ifPresent(k -> out.add(new ObjectInfo(
                                k, o.size(), Optional.empty(), Optional.ofNullable(o.lastModified()), etag(o.eTag()))));
            }
            Optional<String> next = Boolean.TRUE.equals(page.isTruncated())
                    ? Optional.ofNullable(page.nextContinuationToken()).filter(t -> !t.isEmpty())
                    : Optional.empty();
            return new ListingPage(out, next);
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>HeadObject; the SHA-256 is the object's full-object S3 SHA-256 checksum when it has one, else the one releasekit
     * recorded ({@code x-amz-meta-releasekit-sha256}); none when the two disagree.
     */
    @Override
    public Optional<ObjectInfo> stat(ArtifactKey key) {
        return head(key)
                .map(h -> new ObjectInfo(
                        key,
                        h.contentLength(),
                        recordedSha256(h),
                        Optional.ofNullable(h.lastModified()),
                        etag(h.eTag())));
    }

    /**
     * {@inheritDoc}
     *
     * <p>GetObject, streamed: the returned stream is the SDK's response stream; close it to release the connection.
     */
    @Override
    public InputStream open(ArtifactKey key) {
        return call(
                "download of '" + key + "' from " + location(),
                () -> s3.getObject(b -> b.bucket(bucket).key(fullKey(key))));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Up to the multipart threshold: one PutObject whose {@code x-amz-checksum-sha256} S3 verifies (a mismatch is a
     * {@link ConflictException} and nothing is stored). Above it: a multipart upload sending {@link
     * S3StoreTuning#uploadConcurrency()} parts at once through as many buffers of the part size (the source is read
     * once, in order, on the calling thread; a failed part aborts the upload), each part verified by S3, the whole digest checked before completion. The SDK does not retry a single
     * PutObject (the stream cannot be replayed), so write through {@link #putFrom}, which the guarded store of {@code
     * ArtifactStores} retries with a newly opened source: {@code stores.get("releases").putFrom(k, () ->
     * source.open(k), size, sha)}. The result's {@code lastModified} is empty (S3 does not report it on upload; {@link #stat} does).
     */
    @Override
    public ObjectInfo put(ArtifactKey key, InputStream content, long size, String sha256) {
        ObjectInfo.requireSha256(sha256);
        Objects.requireNonNull(content, "content");
        if (size < 0) {
            throw new InvalidInputException("size of '" + key + "' is negative: " + size);
        }
        Map<String, String> metadata = Map.of(SHA256_METADATA, sha256);
        Optional<String> etag = call("upload of '" + key + "' to " + location(), () -> {
            if (size > tuning.multipartThreshold()) {
                new MultipartPut(s3, bucket, fullKey(key), tuning.partSize(), size, tuning.uploadConcurrency())
                        .upload(content, size, sha256, metadata);
                return Optional.<String>empty();
            }
            return putSingle(key, content, size, sha256, metadata);
        });
        return new ObjectInfo(key, size, Optional.of(sha256), Optional.empty(), etag);
    }

    /**
     * {@inheritDoc}
     *
     * <p>HeadObject, then one PutObject conditional on what the head saw ({@code If-Match: <ETag>}, or {@code
     * If-None-Match: *} when there was no object), so S3 refuses the write (412, a {@link ConflictException}) when
     * another writer got in between. The object's SHA-256 is the one S3 or releasekit recorded, else its bytes are read
     * (under {@code If-Match} of the same ETag).
     */
    @Override
    public ObjectInfo putIfUnchanged(ArtifactKey key, byte[] content, Optional<String> expectedSha256) {
        expectedSha256.ifPresent(ObjectInfo::requireSha256);
        MessageDigest digest = Digests.sha256();
        String sha256 = Digests.hex(digest.digest(content));
        return call("conditional upload of '" + key + "' to " + location(), () -> {
            Optional<HeadObjectResponse> head = head(key);
            Optional<String> current = head.map(h -> recordedSha256(h).orElseGet(() -> readSha256(key, h.eTag())));
            if (!current.equals(expectedSha256)) {
                throw new ConflictException("'" + key + "' in " + location() + " changed meanwhile: expected "
                        + expectedSha256.map(d -> "SHA-256 " + d).orElse("no object") + ", found "
                        + current.map(d -> "SHA-256 " + d).orElse("none"));
            }
            s3.putObject(
                    b -> {
                        b.bucket(bucket)
                                .key(fullKey(key))
                                .contentLength((long) content.length)
                                .contentType("application/json")
                                .metadata(Map.of(SHA256_METADATA, sha256))
                                .checksumAlgorithm(ChecksumAlgorithm.SHA256)
                                .checksumSHA256(Digests.base64OfHex(sha256));
                        head.ifPresentOrElse(h -> b.ifMatch(h.eTag()), () -> b.ifNoneMatch("*"));
                    },
                    RequestBody.fromBytes(content));
            return new ObjectInfo(key, content.length, Optional.of(sha256), Optional.empty());
        });
    }

    private String readSha256(ArtifactKey key, String eTag) {
        MessageDigest digest = Digests.sha256();
        try (InputStream in =
                s3.getObject(b -> b.bucket(bucket).key(fullKey(key)).ifMatch(eTag))) {
            digest.update(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read '" + key + "' from " + location(), e);
        }
        return Digests.hex(digest.digest());
    }

    /**
     * Whether {@link #serverSideCopy} can copy from {@code source} inside S3: same {@link AwsIdentity} object, region
     * and endpoint.
     */
    public boolean canCopyServerSideFrom(ArtifactStore source) {
        return source instanceof S3ArtifactStore s
                && s.identity == identity
                && s.region.equals(region)
                && Objects.equals(s.endpoint, endpoint);
    }

    /**
     * Copies inside S3 when {@link #canCopyServerSideFrom} holds and the source records a SHA-256 (releasekit metadata
     * or a full-object S3 checksum); otherwise answers empty and the caller streams.
     *
     * @throws NotFoundException when the source object does not exist
     * @throws ConflictException when the source's recorded SHA-256 is not {@code sha256}, or the source changed during
     *     the copy
     */
    @Override
    public Optional<ObjectInfo> serverSideCopy(ArtifactStore source, ArtifactKey from, ArtifactKey to, String sha256) {
        ObjectInfo.requireSha256(sha256);
        if (!canCopyServerSideFrom(source)) {
            return Optional.empty();
        }
        S3ArtifactStore src = (S3ArtifactStore) source;
        HeadObjectResponse head = src.head(from)
                .orElseThrow(() -> new NotFoundException("no object '" + from + "' in " + src.location()));
        Optional<String> recorded = recordedSha256(head);
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        String what = "server-side copy of " + src.location() + from + " to " + location() + to;
        if (!recorded.get().equals(sha256)) {
            throw new ConflictException(
                    what + " refused: the source records SHA-256 " + recorded.get() + ", expected " + sha256);
        }
        return Optional.of(call(what, () -> copy(src, from, to, head, sha256)));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Without a HeadObject: one CopyObject guarded by the ETag the caller verified ({@code if-match}: a source
     * rewritten since is a {@link ConflictException}), metadata copied, and {@code x-amz-checksum-algorithm: SHA256}
     * so that S3 computes the copy's full-object SHA-256 from the bytes; when the answer carries it, it must be {@code
     * sha256} (else the copy is deleted again and a {@link ConflictException} thrown) and the result records it. Falls
     * back to {@link #serverSideCopy(ArtifactStore, ArtifactKey, ArtifactKey, String)} (a HeadObject first) when the
     * info has no ETag or the object needs a multipart copy.
     */
    @Override
    public Optional<ObjectInfo> serverSideCopy(
            ArtifactStore source, ObjectInfo verified, ArtifactKey to, String sha256) {
        ObjectInfo.requireSha256(sha256);
        if (!canCopyServerSideFrom(source)
                || verified.etag().isEmpty()
                || verified.size() > tuning.multipartCopyThreshold()) {
            return serverSideCopy(source, verified.key(), to, sha256);
        }
        S3ArtifactStore src = (S3ArtifactStore) source;
        String what = "server-side copy of " + src.location() + verified.key() + " to " + location() + to;
        return Optional.of(call(what, () -> {
            var result = s3.copyObject(b -> b.sourceBucket(src.bucket)
                            .sourceKey(src.fullKey(verified.key()))
                            .copySourceIfMatch(quoted(verified.etag().get()))
                            .destinationBucket(bucket)
                            .destinationKey(fullKey(to))
                            .metadataDirective(MetadataDirective.COPY)
                            .checksumAlgorithm(ChecksumAlgorithm.SHA256))
                    .copyObjectResult();
            Optional<String> computed = result.checksumType() == ChecksumType.COMPOSITE
                    ? Optional.empty()
                    : Digests.hexOfBase64(result.checksumSHA256());
            if (computed.isPresent() && !computed.get().equals(sha256)) {
                s3.deleteObject(b -> b.bucket(bucket).key(fullKey(to)));
                throw new ConflictException(what + ": S3 computed SHA-256 " + computed.get()
                        + " for the copy, expected " + sha256 + "; the copy was deleted again");
            }
            // the copy's SHA-256 as far as S3 vouches for it: computed from the bytes, or the verified source's when
            // the copy kept its ETag (a single-part copy of the same bytes); otherwise unknown until asked
            Optional<String> copied = etag(result.eTag());
            Optional<String> sha = computed.isPresent()
                    ? computed
                    : copied.equals(verified.etag()) ? Optional.of(sha256) : Optional.empty();
            return new ObjectInfo(to, verified.size(), sha, Optional.ofNullable(result.lastModified()), copied);
        }));
    }

    /** {@inheritDoc} DeleteObject (S3 answers success for a key that is not there). */
    @Override
    public void delete(ArtifactKey key) {
        call(
                "delete of '" + key + "' in " + location(),
                () -> s3.deleteObject(b -> b.bucket(bucket).key(fullKey(key))));
    }

    /**
     * {@inheritDoc}
     *
     * <p>S3 has no rename: a CopyObject of {@code from} onto {@code to} inside the bucket, guarded by {@code from}'s ETag
     * and keeping its metadata (so the SHA-256 it records goes with it), then a DeleteObject of {@code from}.
     */
    @Override
    public ObjectInfo move(ObjectInfo from, ArtifactKey to) {
        String what = "move of '" + from.key() + "' to '" + to + "' in " + location();
        ObjectInfo moved = call(what, () -> {
            var result = s3.copyObject(b -> {
                        b.sourceBucket(bucket)
                                .sourceKey(fullKey(from.key()))
                                .destinationBucket(bucket)
                                .destinationKey(fullKey(to))
                                .metadataDirective(MetadataDirective.COPY);
                        from.etag().ifPresent(e -> b.copySourceIfMatch(quoted(e)));
                    })
                    .copyObjectResult();
            return new ObjectInfo(
                    to, from.size(), from.sha256(), Optional.ofNullable(result.lastModified()), etag(result.eTag()));
        });
        delete(from.key());
        return moved;
    }

    /** Closes the SDK client and, when this store created it, its credentials. */
    @Override
    public void close() {
        try {
            s3.close();
        } finally {
            if (ownsIdentity) {
                identity.close();
            }
        }
    }

    @Override
    public String toString() {
        return "S3ArtifactStore[" + location() + " " + service + (endpoint == null ? "" : " at " + endpoint) + "]";
    }

    private ObjectInfo copy(
            S3ArtifactStore src, ArtifactKey from, ArtifactKey to, HeadObjectResponse head, String sha) {
        long size = head.contentLength();
        if (size > tuning.multipartCopyThreshold()) {
            Map<String, String> metadata = new HashMap<>(head.metadata());
            metadata.put(SHA256_METADATA, sha);
            MultipartCopy.copy(
                    s3,
                    src.bucket,
                    src.fullKey(from),
                    head.eTag(),
                    size,
                    bucket,
                    fullKey(to),
                    metadata,
                    contentType(head),
                    tuning.copyPartSize());
            return new ObjectInfo(to, size, Optional.of(sha), Optional.empty(), Optional.empty());
        }
        boolean hasMetadata = sha.equals(head.metadata().get(SHA256_METADATA));
        var result = s3.copyObject(b -> {
                    b.sourceBucket(src.bucket)
                            .sourceKey(src.fullKey(from))
                            .copySourceIfMatch(head.eTag())
                            .destinationBucket(bucket)
                            .destinationKey(fullKey(to));
                    if (hasMetadata) {
                        b.metadataDirective(MetadataDirective.COPY);
                    } else {
                        // the source's digest came from its S3 checksum: record it in our metadata too
                        Map<String, String> metadata = new HashMap<>(head.metadata());
                        metadata.put(SHA256_METADATA, sha);
                        b.metadataDirective(MetadataDirective.REPLACE)
                                .metadata(metadata)
                                .contentType(contentType(head));
                    }
                })
                .copyObjectResult();
        return new ObjectInfo(
                to, size, Optional.of(sha), Optional.ofNullable(result.lastModified()), etag(result.eTag()));
    }

    private Optional<String> putSingle(
            ArtifactKey key, InputStream content, long size, String sha256, Map<String, String> meta) {
        DigestingInputStream in = new DigestingInputStream(content, size);
        var response = s3.putObject(
                b -> b.overrideConfiguration(o -> o.addPlugin(NO_SDK_RETRY))
                        .bucket(bucket)
                        .key(fullKey(key))
                        .contentLength(size)
                        .contentType("application/octet-stream")
                        .metadata(meta)
                        .checksumAlgorithm(ChecksumAlgorithm.SHA256)
                        .checksumSHA256(Digests.base64OfHex(sha256)),
                RequestBody.fromInputStream(in, size));
        if (in.count() != size || !in.sha256().equals(sha256)) {
            // only reachable when a server ignores x-amz-checksum-sha256: take the object back
            s3.deleteObject(b -> b.bucket(bucket).key(fullKey(key)));
            throw new ConflictException("content written to '" + key + "' in " + location() + " does not match: "
                    + "expected " + size + " bytes with SHA-256 " + sha256 + ", sent " + in.count() + " bytes with "
                    + in.sha256() + "; the object was deleted again");
        }
        return etag(response.eTag());
    }

    /** An ETag as S3 sends it (quoted) without its quotes; empty when there is none. */
    private static Optional<String> etag(String quoted) {
        if (quoted == null) {
            return Optional.empty();
        }
        String e = quoted.startsWith("\"") && quoted.endsWith("\"") && quoted.length() >= 2
                ? quoted.substring(1, quoted.length() - 1)
                : quoted;
        return e.isEmpty() ? Optional.empty() : Optional.of(e);
    }

    private static String quoted(String etag) {
        return "\"" + etag + "\"";
    }

    private Optional<HeadObjectResponse> head(ArtifactKey key) {
        try {
            return Optional.of(
                    s3.headObject(b -> b.bucket(bucket).key(fullKey(key)).checksumMode(ChecksumMode.ENABLED)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            RuntimeException t = S3Errors.translate(e, service, "stat of '" + key + "' in " + location());
            if (t instanceof NotFoundException) {
                return Optional.empty();
            }
            throw t;
        }
    }

    /**
     * The object's SHA-256 as S3 or releasekit recorded it. S3's own full-object checksum comes first: S3 computed or
     * verified it from the bytes, while metadata is whatever the writer sent. When both are there and disagree, neither
     * is trusted (empty: a trusting verification then reads the bytes). A composite (multipart) checksum is not a
     * SHA-256 of the object and is ignored.
     */
    static Optional<String> recordedSha256(HeadObjectResponse h) {
        Optional<String> fromMetadata = Digests.validHex(h.metadata().get(SHA256_METADATA));
        boolean fullObject = h.checksumType() == null || h.checksumType() == ChecksumType.FULL_OBJECT;
        Optional<String> fromS3 = fullObject ? Digests.hexOfBase64(h.checksumSHA256()) : Optional.empty();
        if (fromS3.isPresent() && fromMetadata.isPresent() && !fromS3.equals(fromMetadata)) {
            return Optional.empty();
        }
        return fromS3.isPresent() ? fromS3 : fromMetadata;
    }

    private static String contentType(HeadObjectResponse h) {
        return h.contentType() == null ? "application/octet-stream" : h.contentType();
    }

    private String fullKey(ArtifactKey key) {
        return prefix + key.value();
    }

    private Optional<ArtifactKey> relativeKey(String s3Key) {
        if (!s3Key.startsWith(prefix) || s3Key.endsWith("/")) {
            return Optional.empty(); // a "folder" marker, not an artifact
        }
        try {
            return Optional.of(ArtifactKey.of(s3Key.substring(prefix.length())));
        } catch (InvalidInputException e) {
            return Optional.empty(); // a key no artifact can have (e.g. "a//b"); it cannot be addressed either
        }
    }

    private <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (ReleaseException e) {
            throw e;
        } catch (RuntimeException e) {
            throw S3Errors.translate(e, service, what);
        }
    }
}
