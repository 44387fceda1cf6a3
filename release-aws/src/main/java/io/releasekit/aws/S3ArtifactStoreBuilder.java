package io.releasekit.aws;

import io.releasekit.aws.internal.S3Names;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.service.ServiceGuards;
import java.net.URI;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds an {@link S3ArtifactStore}. Required: {@link #bucket} and {@link #region}. Credentials default to the SDK's
 * default chain; give either {@link #credentials} (the store creates and closes them) or {@link #identity} (shared
 * between stores, closed by its owner; stores sharing one identity and region copy server-side).
 *
 * <pre>{@code
 * S3ArtifactStore releases = S3ArtifactStore.builder()
 *         .bucket("ferrocene-prod-releases")
 *         .prefix("dist")
 *         .region("eu-central-1")
 *         .credentials(CredentialSource.profile("ferrocene-prod-break-glass-release-role"))
 *         .build();
 * }</pre>
 */
public final class S3ArtifactStoreBuilder {

    private String bucket;
    private String prefix = "";
    private String region;
    private URI endpoint;
    private boolean pathStyle;
    private CredentialSource credentials;
    private AwsIdentity identity;
    private ServiceGuards guards;
    private SdkHttpClient httpClient;
    private long multipartThreshold = S3StoreTuning.defaults().multipartThreshold();
    private long partSize = S3StoreTuning.defaults().partSize();
    private long multipartCopyThreshold = S3StoreTuning.defaults().multipartCopyThreshold();
    private long copyPartSize = S3StoreTuning.defaults().copyPartSize();
    private int listPageSize = S3StoreTuning.defaults().listPageSize();
    private int sdkMaxAttempts = S3StoreTuning.defaults().sdkMaxAttempts();
    private int uploadConcurrency = S3StoreTuning.defaults().uploadConcurrency();

    S3ArtifactStoreBuilder() {}

    /** The bucket (required), e.g. {@code ferrocene-prod-releases}. */
    public S3ArtifactStoreBuilder bucket(String value) {
        this.bucket = value;
        return this;
    }

    /** The key prefix all keys are relative to, e.g. {@code releases/ferrocene}; none by default. */
    public S3ArtifactStoreBuilder prefix(String value) {
        this.prefix = value;
        return this;
    }

    /** The bucket's region (required), e.g. {@code eu-central-1}; the store's service is {@code s3:<region>}. */
    public S3ArtifactStoreBuilder region(String value) {
        this.region = value;
        return this;
    }

    /** An endpoint override for an S3-compatible server (MinIO, S3Proxy, Ceph), e.g. {@code http://minio:9000}. */
    public S3ArtifactStoreBuilder endpoint(URI value) {
        this.endpoint = value;
        return this;
    }

    /** Path-style access ({@code host/bucket/key}) instead of virtual-hosted style; most S3-compatible servers need it. */
    public S3ArtifactStoreBuilder pathStyle(boolean value) {
        this.pathStyle = value;
        return this;
    }

    /**
     * Where the credentials come from; the store creates them and closes them with itself. A role without an STS
     * region calls STS in the store's region.
     */
    public S3ArtifactStoreBuilder credentials(CredentialSource value) {
        this.credentials = value;
        return this;
    }

    /** Credentials shared with other stores (not closed by this store); excludes {@link #credentials}. */
    public S3ArtifactStoreBuilder identity(AwsIdentity value) {
        this.identity = value;
        return this;
    }

    /** The guards that STS AssumeRole calls of {@link #credentials} go through as {@code sts:<region>}. */
    public S3ArtifactStoreBuilder guards(ServiceGuards value) {
        this.guards = value;
        return this;
    }

    /** An HTTP client to use instead of a new Apache 5 client (not closed by the store). */
    public S3ArtifactStoreBuilder httpClient(SdkHttpClient value) {
        this.httpClient = value;
        return this;
    }

    /** Objects larger than this many bytes are uploaded in parts (default 64 MiB). */
    public S3ArtifactStoreBuilder multipartThreshold(long bytes) {
        this.multipartThreshold = bytes;
        return this;
    }

    /** The upload part size and size of each part buffer (default 16 MiB, at least 5 MiB). */
    public S3ArtifactStoreBuilder partSize(long bytes) {
        this.partSize = bytes;
        return this;
    }

    /**
     * Parts of one multipart upload sent at once (default 4, 1 to 64). Each holds a buffer of {@link #partSize}, so a
     * large put holds at most {@code parts × partSize} bytes (64 MiB by default); 1 sends the parts one after another.
     */
    public S3ArtifactStoreBuilder uploadConcurrency(int parts) {
        this.uploadConcurrency = parts;
        return this;
    }

    /** Objects larger than this are copied with UploadPartCopy (default and maximum 5 GiB). */
    public S3ArtifactStoreBuilder multipartCopyThreshold(long bytes) {
        this.multipartCopyThreshold = bytes;
        return this;
    }

    /** The part size of a multipart copy (default 512 MiB). */
    public S3ArtifactStoreBuilder copyPartSize(long bytes) {
        this.copyPartSize = bytes;
        return this;
    }

    /** Keys per ListObjectsV2 page (default 1000). */
    public S3ArtifactStoreBuilder listPageSize(int keys) {
        this.listPageSize = keys;
        return this;
    }

    /** Attempts the SDK makes per HTTP request (default 3; 1 leaves retrying to the service guards). */
    public S3ArtifactStoreBuilder sdkMaxAttempts(int attempts) {
        this.sdkMaxAttempts = attempts;
        return this;
    }

    /**
     * Builds the store and its SDK client.
     *
     * @throws InvalidInputException naming the bad value when the configuration is invalid
     */
    public S3ArtifactStore build() {
        S3Names.requireBucket(bucket);
        S3Names.requireRegion(region);
        String normalizedPrefix = S3Names.normalizePrefix(prefix);
        S3StoreTuning tuning = new S3StoreTuning(
                multipartThreshold,
                partSize,
                multipartCopyThreshold,
                copyPartSize,
                listPageSize,
                sdkMaxAttempts,
                uploadConcurrency);
        if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null)) {
            throw new InvalidInputException(
                    "endpoint '" + endpoint + "' of bucket " + bucket + " is not an absolute URL");
        }
        if (credentials != null && identity != null) {
            throw new InvalidInputException(
                    "bucket " + bucket + ": give either credentials or a shared identity, not both");
        }
        boolean owns = identity == null;
        CredentialSource source = credentials == null ? CredentialSource.defaultChain() : credentials;
        AwsIdentity id = owns ? AwsIdentity.of(source.withDefaultStsRegion(region), guards) : identity;
        try {
            S3ClientBuilder b = S3Client.builder()
                    .region(Region.of(region))
                    .forcePathStyle(pathStyle)
                    .credentialsProvider(id.credentialsProvider())
                    // the SHA-256 we send is the checksum; no extra CRC on every request
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(tuning.sdkMaxAttempts())));
            if (httpClient != null) {
                b.httpClient(httpClient);
            } else {
                b.httpClientBuilder(Apache5HttpClient.builder());
            }
            if (endpoint != null) {
                b.endpointOverride(endpoint);
            }
            return new S3ArtifactStore(b.build(), bucket, normalizedPrefix, region, endpoint, id, owns, tuning);
        } catch (RuntimeException e) {
            if (owns) {
                id.close();
            }
            throw e;
        }
    }
}
