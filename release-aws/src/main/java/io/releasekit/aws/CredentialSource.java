package io.releasekit.aws;

import io.releasekit.aws.internal.S3Names;
import io.releasekit.core.InvalidInputException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an S3 store's AWS credentials come from: the SDK's default chain, a named profile, a fixed key pair (for
 * S3-compatible servers such as MinIO), or an STS AssumeRole on top of one of those (a cross-account role, as in
 * Ferrocene's release process). A description only: {@link AwsIdentity#of} turns it into live credentials. {@code
 * toString()} never shows a secret.
 */
public sealed interface CredentialSource
        permits CredentialSource.DefaultChain,
                CredentialSource.Profile,
                CredentialSource.StaticKeys,
                CredentialSource.AssumeRole {

    /** The SDK's default chain: system properties, environment, web identity, profile, container, instance. */
    static DefaultChain defaultChain() {
        return new DefaultChain();
    }

    /** A named profile of {@code ~/.aws/config} and {@code ~/.aws/credentials}. */
    static Profile profile(String name) {
        return new Profile(name);
    }

    /** A fixed access key pair; prefer roles or profiles for AWS itself. */
    static StaticKeys staticKeys(String accessKeyId, String secretAccessKey) {
        return new StaticKeys(accessKeyId, secretAccessKey);
    }

    /**
     * Assumes {@code roleArn} with the default chain as source credentials, session name {@code releasekit}; refine
     * with the {@code with...} methods.
     */
    static AssumeRole assumeRole(String roleArn) {
        return new AssumeRole(
                roleArn,
                AssumeRole.DEFAULT_SESSION_NAME,
                null,
                null,
                null,
                defaultChain(),
                AssumeRole.DEFAULT_DURATION);
    }

    /**
     * This source with {@code region} as the STS region of every role (this one and its sources) that names none. Two
     * stores whose sources are then equal can share one {@link AwsIdentity}.
     */
    default CredentialSource withDefaultStsRegion(String region) {
        if (this instanceof AssumeRole role) {
            AssumeRole r = role.stsRegion() == null ? role.withStsRegion(region) : role;
            return r.withSource(role.source().withDefaultStsRegion(region));
        }
        return this;
    }

    /** The SDK's default credential chain. */
    record DefaultChain() implements CredentialSource {
        @Override
        public String toString() {
            return "default chain";
        }
    }

    /**
     * A named profile.
     *
     * @param name the profile name, e.g. {@code ferrocene-prod-break-glass-release}
     */
    record Profile(String name) implements CredentialSource {
        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@+=,-]{1,128}");

        public Profile {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new InvalidInputException("'" + name + "' is not a valid AWS profile name");
            }
        }

        @Override
        public String toString() {
            return "profile " + name;
        }
    }

    /**
     * A fixed key pair.
     *
     * @param accessKeyId the access key id (not secret; shown in messages)
     * @param secretAccessKey the secret key (never shown)
     */
    record StaticKeys(String accessKeyId, String secretAccessKey) implements CredentialSource {
        public StaticKeys {
            if (accessKeyId == null || accessKeyId.isBlank()) {
                throw new InvalidInputException("an access key id is required for static credentials");
            }
            if (secretAccessKey == null || secretAccessKey.isBlank()) {
                throw new InvalidInputException(
                        "a secret access key is required for static credentials of '" + accessKeyId + "'");
            }
        }

        @Override
        public String toString() {
            return "static keys " + accessKeyId + " (secret hidden)";
        }
    }

    /**
     * An STS AssumeRole. The AssumeRole call is signed with {@code source}'s credentials and goes to the STS endpoint
     * of {@code stsRegion} (or {@code stsEndpoint} when set, e.g. a test server).
     *
     * @param roleArn the role to assume, {@code arn:aws:iam::<account>:role/<name>}
     * @param sessionName the role session name shown in CloudTrail (2–64 characters of {@code [\w+=,.@-]})
     * @param externalId the external id the role's trust policy demands, or {@code null}
     * @param stsRegion the STS region, or {@code null} for the store's region
     * @param stsEndpoint an STS endpoint override, or {@code null}
     * @param source the credentials that call AssumeRole
     * @param duration how long each set of role credentials lasts (15 min to 12 h)
     */
    record AssumeRole(
            String roleArn,
            String sessionName,
            String externalId,
            String stsRegion,
            URI stsEndpoint,
            CredentialSource source,
            Duration duration)
            implements CredentialSource {

        /** The session name used unless another is given. */
        public static final String DEFAULT_SESSION_NAME = "releasekit";

        /** The credential lifetime asked for unless another is given. */
        public static final Duration DEFAULT_DURATION = Duration.ofHours(1);

        private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
        private static final Pattern SESSION = Pattern.compile("[\\w+=,.@-]{2,64}");
        private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

        public AssumeRole {
            if (roleArn == null || !ARN.matcher(roleArn).matches()) {
                throw new InvalidInputException(
                        "'" + roleArn + "' is not a role ARN (arn:aws:iam::<12-digit account>:role/<name>)");
            }
            if (sessionName == null || !SESSION.matcher(sessionName).matches()) {
                throw new InvalidInputException("'" + sessionName
                        + "' is not a valid role session name (2-64 characters of letters, digits and +=,.@_-)");
            }
            if (externalId != null && !EXTERNAL_ID.matcher(externalId).matches()) {
                throw new InvalidInputException("the external id for role " + roleArn
                        + " is not valid (2-1224 characters of letters, digits and +=,.@:/_-)");
            }
            if (stsRegion != null) {
                S3Names.requireRegion(stsRegion);
            }
            Objects.requireNonNull(source, "source");
            if (duration == null
                    || duration.compareTo(Duration.ofMinutes(15)) < 0
                    || duration.compareTo(Duration.ofHours(12)) > 0) {
                throw new InvalidInputException(
                        "role session duration " + duration + " for " + roleArn + " is outside 15 minutes to 12 hours");
            }
        }

        /** A copy with another session name. */
        public AssumeRole withSessionName(String value) {
            return new AssumeRole(roleArn, value, externalId, stsRegion, stsEndpoint, source, duration);
        }

        /** A copy with an external id. */
        public AssumeRole withExternalId(String value) {
            return new AssumeRole(roleArn, sessionName, value, stsRegion, stsEndpoint, source, duration);
        }

        /** A copy calling STS in another region. */
        public AssumeRole withStsRegion(String value) {
            return new AssumeRole(roleArn, sessionName, externalId, value, stsEndpoint, source, duration);
        }

        /** A copy calling STS at another endpoint (a test server, a VPC endpoint). */
        public AssumeRole withStsEndpoint(URI value) {
            return new AssumeRole(roleArn, sessionName, externalId, stsRegion, value, source, duration);
        }

        /** A copy whose AssumeRole call is signed with other credentials (e.g. a profile). */
        public AssumeRole withSource(CredentialSource value) {
            return new AssumeRole(roleArn, sessionName, externalId, stsRegion, stsEndpoint, value, duration);
        }

        /** A copy asking for credentials of another lifetime. */
        public AssumeRole withDuration(Duration value) {
            return new AssumeRole(roleArn, sessionName, externalId, stsRegion, stsEndpoint, source, value);
        }

        /** The STS region, if one was set. */
        public Optional<String> stsRegionIfSet() {
            return Optional.ofNullable(stsRegion);
        }

        @Override
        public String toString() {
            return "assume role " + roleArn + " (session " + sessionName + ", from " + source + ")";
        }
    }
}
