package io.releasekit.aws.internal;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.artifact.ArtifactKey;
import java.util.regex.Pattern;

/** Validation of bucket names, regions and key prefixes, with the bad value in the message. */
public final class S3Names {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z]{2,}(-[a-z0-9]+)+|[a-z0-9-]{2,32}");

    private S3Names() {}

    /** A bucket name under S3's rules (3–63 lower-case letters, digits, dots and hyphens). */
    public static String requireBucket(String bucket) {
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new InvalidInputException("'" + bucket
                    + "' is not a valid S3 bucket name (3-63 lower-case letters, digits, dots and hyphens)");
        }
        return bucket;
    }

    /** A region name such as {@code eu-central-1} (S3-compatible servers may use simpler names). */
    public static String requireRegion(String region) {
        if (region == null || !REGION.matcher(region).matches()) {
            throw new InvalidInputException("'" + region + "' is not a valid AWS region name (e.g. eu-central-1)");
        }
        return region;
    }

    /**
     * A key prefix normalised to {@code ""} or {@code "a/b/"}: surrounding slashes dropped, each segment checked like an
     * artifact key so the prefix cannot hold {@code ..} or empty segments.
     */
    public static String normalizePrefix(String prefix) {
        if (prefix == null) {
            return "";
        }
        String p = prefix;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            return "";
        }
        try {
            ArtifactKey.of(p);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("store prefix '" + prefix + "' is refused: " + e.getMessage(), e);
        }
        return p + "/";
    }
}
