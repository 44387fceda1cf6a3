package io.releasekit.api.store;

import io.releasekit.aws.CredentialSource;
import io.releasekit.aws.S3StoreTuning;
import io.releasekit.core.InvalidInputException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * One store's configuration, checked: an {@code fs} store has a directory; an {@code s3} store has a bucket, a region
 * and credentials. Every error names the store and the key.
 *
 * @param name the store's name
 * @param type {@code fs} or {@code s3}
 * @param path the directory of an {@code fs} store, else {@code null}
 * @param bucket the bucket of an {@code s3} store, else {@code null}
 * @param prefix the key prefix, or {@code null}
 * @param region the bucket's region, or {@code null} for {@code fs}
 * @param endpoint an endpoint override, or {@code null}
 * @param pathStyle path-style access
 * @param credentials where an {@code s3} store's credentials come from, else {@code null}
 * @param multipartThreshold an {@code s3} store's multipart threshold in bytes, or {@code null} for the default
 * @param partSize an {@code s3} store's part size in bytes, or {@code null} for the default
 * @param uploadConcurrency an {@code s3} store's parts sent at once, or {@code null} for the default
 */
record StoreSettings(
        String name,
        String type,
        Path path,
        String bucket,
        String prefix,
        String region,
        URI endpoint,
        boolean pathStyle,
        CredentialSource credentials,
        Long multipartThreshold,
        Long partSize,
        Integer uploadConcurrency) {

    static final String FS = "fs";
    static final String S3 = "s3";

    private static final S3StoreTuning DEFAULTS = S3StoreTuning.defaults();

    /** Checks {@code p}; a relative fs path, or none, resolves below {@code dataDir}. */
    static StoreSettings of(StoreProperties p, Path dataDir) {
        String name = p.getName();
        String type = p.getType() == null
                ? (p.getBucket() == null ? FS : S3)
                : p.getType().trim().toLowerCase(Locale.ROOT);
        if (type.equals(FS)) {
            Path path = p.getPath() == null || p.getPath().isBlank()
                    ? dataDir.resolve("stores").resolve(name)
                    : dataDir.resolve(p.getPath());
            return new StoreSettings(
                    name, FS, path.toAbsolutePath().normalize(), null, null, null, null, false, null, null, null, null);
        }
        if (!type.equals(S3)) {
            throw invalid(name, "type", "'" + p.getType() + "' is not a store type (fs or s3)");
        }
        if (p.getBucket() == null || p.getBucket().isBlank()) {
            throw invalid(name, "bucket", "is required for an s3 store");
        }
        if (p.getRegion() == null || p.getRegion().isBlank()) {
            throw invalid(name, "region", "is required for an s3 store (e.g. eu-central-1)");
        }
        return new StoreSettings(
                name,
                S3,
                null,
                p.getBucket().trim(),
                p.getPrefix(),
                p.getRegion().trim(),
                p.getEndpoint(),
                p.isPathStyle(),
                credentials(p),
                checkedThreshold(p),
                checkedPartSize(p),
                checkedUploadConcurrency(p));
    }

    private static Long checkedThreshold(StoreProperties p) {
        return checked(p, "multipart-threshold", p.getMultipartThreshold(), DEFAULTS::withMultipartThreshold);
    }

    private static Long checkedPartSize(StoreProperties p) {
        return checked(p, "part-size", p.getPartSize(), DEFAULTS::withPartSize);
    }

    private static Integer checkedUploadConcurrency(StoreProperties p) {
        return checked(p, "upload-concurrency", p.getUploadConcurrency(), DEFAULTS::withUploadConcurrency);
    }

    /** Checks an upload setting with the library's own rule ({@link S3StoreTuning}), naming the store and the key. */
    private static <T> T checked(StoreProperties p, String key, T value, Function<T, S3StoreTuning> rule) {
        if (value != null) {
            try {
                rule.apply(value);
            } catch (InvalidInputException e) {
                throw invalid(p.getName(), key, "is refused: " + e.getMessage());
            }
        }
        return value;
    }

    private static CredentialSource credentials(StoreProperties p) {
        String kind = p.getCredentials() == null
                ? (p.getRoleArn() != null
                        ? "assume-role"
                        : p.getProfile() != null ? "profile" : p.getAccessKeyId() != null ? "static" : "default")
                : p.getCredentials().trim().toLowerCase(Locale.ROOT);
        try {
            return switch (kind) {
                case "default" -> CredentialSource.defaultChain();
                case "profile" -> {
                    if (p.getProfile() == null) {
                        throw invalid(p.getName(), "profile", "is required with credentials: profile");
                    }
                    yield CredentialSource.profile(p.getProfile());
                }
                case "static" -> CredentialSource.staticKeys(p.getAccessKeyId(), p.getSecretAccessKey());
                case "assume-role" -> assumeRole(p);
                default ->
                    throw invalid(
                            p.getName(),
                            "credentials",
                            "'" + p.getCredentials() + "' is not one of default, profile, assume-role, static");
            };
        } catch (InvalidInputException e) {
            if (e.getMessage().startsWith("store '")) {
                throw e;
            }
            throw new InvalidInputException("store '" + p.getName() + "': " + e.getMessage(), e);
        }
    }

    private static CredentialSource assumeRole(StoreProperties p) {
        if (p.getRoleArn() == null) {
            throw invalid(p.getName(), "role-arn", "is required with credentials: assume-role");
        }
        CredentialSource source = p.getProfile() != null
                ? CredentialSource.profile(p.getProfile())
                : p.getAccessKeyId() != null
                        ? CredentialSource.staticKeys(p.getAccessKeyId(), p.getSecretAccessKey())
                        : CredentialSource.defaultChain();
        CredentialSource.AssumeRole role =
                CredentialSource.assumeRole(p.getRoleArn().trim()).withSource(source);
        if (p.getSessionName() != null) {
            role = role.withSessionName(p.getSessionName());
        }
        if (p.getExternalId() != null) {
            role = role.withExternalId(p.getExternalId());
        }
        if (p.getStsRegion() != null) {
            role = role.withStsRegion(p.getStsRegion());
        }
        if (p.getStsEndpoint() != null) {
            role = role.withStsEndpoint(p.getStsEndpoint());
        }
        return role;
    }

    private static InvalidInputException invalid(String store, String key, String problem) {
        return new InvalidInputException(
                "store '" + store + "': releasekit.stores." + store + "." + key + " " + problem);
    }
}
