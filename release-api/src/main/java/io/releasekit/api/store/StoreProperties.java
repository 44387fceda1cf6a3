package io.releasekit.api.store;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.convert.format.ReadableBytes;
import java.net.URI;

/**
 * One artifact store: {@code releasekit.stores.<name>.*}.
 *
 * <pre>
 * releasekit:
 *   stores:
 *     local:    { type: fs, path: /var/lib/releasekit/artifacts }
 *     releases: { type: s3, bucket: ferrocene-prod-releases, region: eu-central-1, prefix: dist }
 *     artifacts:
 *       type: s3
 *       bucket: ferrocene-ci-artifacts
 *       region: us-east-1
 *       credentials: assume-role          # default | profile | assume-role | static
 *       role-arn: arn:aws:iam::886866542769:role/publish-release
 *       session-name: releasekit
 * </pre>
 *
 * An {@code s3} store also takes {@code multipart-threshold} (default 64MB), {@code part-size} (default 16MB, 5MB to
 * 2GB) and {@code upload-concurrency} (parts of one upload sent at once, default 4, 1 to 64): a put holds at most
 * {@code upload-concurrency × part-size} bytes. Sizes are written {@code 16MB} ({@code MB} is MiB) or in bytes.
 *
 * <p>With {@code credentials: assume-role}, {@code profile} (or the static keys) sign the AssumeRole call; without them
 * the default chain does. {@code credentials} may be left out: a role ARN means assume-role, a profile means profile,
 * an access key id means static, else the default chain.
 */
@EachProperty("releasekit.stores")
public class StoreProperties {

    private final String name;
    private String type;
    private String path;
    private String bucket;
    private String prefix;
    private String region;
    private URI endpoint;
    private boolean pathStyle;
    private String credentials;
    private String profile;
    private String roleArn;
    private String sessionName;
    private String externalId;
    private URI stsEndpoint;
    private String stsRegion;
    private String accessKeyId;
    private String secretAccessKey;
    private Long multipartThreshold;
    private Long partSize;
    private Integer uploadConcurrency;

    public StoreProperties(@Parameter String name) {
        this.name = name;
    }

    /** A copy, so defaults can be applied without changing the configuration bean. */
    StoreProperties copy() {
        StoreProperties c = new StoreProperties(name);
        c.type = type;
        c.path = path;
        c.bucket = bucket;
        c.prefix = prefix;
        c.region = region;
        c.endpoint = endpoint;
        c.pathStyle = pathStyle;
        c.credentials = credentials;
        c.profile = profile;
        c.roleArn = roleArn;
        c.sessionName = sessionName;
        c.externalId = externalId;
        c.stsEndpoint = stsEndpoint;
        c.stsRegion = stsRegion;
        c.accessKeyId = accessKeyId;
        c.secretAccessKey = secretAccessKey;
        c.multipartThreshold = multipartThreshold;
        c.partSize = partSize;
        c.uploadConcurrency = uploadConcurrency;
        return c;
    }

    /** The store's name, the key under {@code releasekit.stores}. */
    public String getName() {
        return name;
    }

    /** {@code fs} or {@code s3}; inferred from {@code bucket} when left out. */
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    /** The directory of an {@code fs} store. */
    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    /** The bucket of an {@code s3} store. */
    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    /** The key prefix of an {@code s3} store. */
    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    /** The bucket's region. */
    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    /** An endpoint override for an S3-compatible server. */
    public URI getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Path-style access (S3-compatible servers). */
    public boolean isPathStyle() {
        return pathStyle;
    }

    public void setPathStyle(boolean pathStyle) {
        this.pathStyle = pathStyle;
    }

    /** {@code default}, {@code profile}, {@code assume-role} or {@code static}. */
    public String getCredentials() {
        return credentials;
    }

    public void setCredentials(String credentials) {
        this.credentials = credentials;
    }

    /** The profile (for {@code profile}), or the source profile of an assumed role. */
    public String getProfile() {
        return profile;
    }

    public void setProfile(String profile) {
        this.profile = profile;
    }

    /** The role to assume. */
    public String getRoleArn() {
        return roleArn;
    }

    public void setRoleArn(String roleArn) {
        this.roleArn = roleArn;
    }

    /** The role session name (default {@code releasekit}). */
    public String getSessionName() {
        return sessionName;
    }

    public void setSessionName(String sessionName) {
        this.sessionName = sessionName;
    }

    /** The external id the role's trust policy demands. */
    public String getExternalId() {
        return externalId;
    }

    public void setExternalId(String externalId) {
        this.externalId = externalId;
    }

    /** An STS endpoint override. */
    public URI getStsEndpoint() {
        return stsEndpoint;
    }

    public void setStsEndpoint(URI stsEndpoint) {
        this.stsEndpoint = stsEndpoint;
    }

    /** The STS region (default: the store's region). */
    public String getStsRegion() {
        return stsRegion;
    }

    public void setStsRegion(String stsRegion) {
        this.stsRegion = stsRegion;
    }

    /** A static access key id (S3-compatible servers). */
    public String getAccessKeyId() {
        return accessKeyId;
    }

    public void setAccessKeyId(String accessKeyId) {
        this.accessKeyId = accessKeyId;
    }

    /** The static secret key; never logged or shown. */
    public String getSecretAccessKey() {
        return secretAccessKey;
    }

    public void setSecretAccessKey(String secretAccessKey) {
        this.secretAccessKey = secretAccessKey;
    }

    /** Objects larger than this are uploaded in parts; {@code null}: the library's default (64 MiB). */
    public Long getMultipartThreshold() {
        return multipartThreshold;
    }

    public void setMultipartThreshold(@ReadableBytes Long multipartThreshold) {
        this.multipartThreshold = multipartThreshold;
    }

    /** The size of each uploaded part; {@code null}: the library's default (16 MiB). */
    public Long getPartSize() {
        return partSize;
    }

    public void setPartSize(@ReadableBytes Long partSize) {
        this.partSize = partSize;
    }

    /** Parts of one multipart upload sent at once; {@code null}: the library's default (4). */
    public Integer getUploadConcurrency() {
        return uploadConcurrency;
    }

    public void setUploadConcurrency(Integer uploadConcurrency) {
        this.uploadConcurrency = uploadConcurrency;
    }
}
