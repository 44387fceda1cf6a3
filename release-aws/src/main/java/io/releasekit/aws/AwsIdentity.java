package io.releasekit.aws;

import io.releasekit.aws.internal.GuardedStsClient;
import io.releasekit.aws.internal.TranslatingCredentialsProvider;
import io.releasekit.core.service.ServiceGuards;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * Live AWS credentials resolved from a {@link CredentialSource}: one credentials provider (and, for an assumed role, its
 * own STS client whose AssumeRole calls go through the {@code sts:<region>} guard). Stores built with the same {@code
 * AwsIdentity} object in the same region can copy objects between each other server-side; stores with different
 * identities (two roles in two accounts) always stream.
 *
 * <pre>{@code
 * try (AwsIdentity role = AwsIdentity.of(
 *         CredentialSource.assumeRole("arn:aws:iam::886866542769:role/publish-release").withStsRegion("us-east-1"),
 *         guards)) {
 *     ...
 * }
 * }</pre>
 */
public final class AwsIdentity implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AwsIdentity.class);

    /** The STS region used for a role that names none and is not given one by a store. */
    public static final String DEFAULT_STS_REGION = "us-east-1";

    private final CredentialSource source;
    private final AwsCredentialsProvider provider;
    private final List<String> services;
    private final List<AutoCloseable> owned;

    private AwsIdentity(
            CredentialSource source,
            AwsCredentialsProvider provider,
            List<String> services,
            List<AutoCloseable> owned) {
        this.source = source;
        this.provider = provider;
        this.services = List.copyOf(services);
        this.owned = owned;
    }

    /** Credentials from {@code source}; STS calls (if any) are not guarded. */
    public static AwsIdentity of(CredentialSource source) {
        return of(source, null);
    }

    /**
     * Credentials from {@code source}, with every STS AssumeRole call made through {@code guards} as {@code
     * sts:<region>}.
     *
     * @param source where the credentials come from
     * @param guards the service guards, or {@code null} for unguarded STS calls
     */
    public static AwsIdentity of(CredentialSource source, ServiceGuards guards) {
        Objects.requireNonNull(source, "source");
        List<AutoCloseable> owned = new ArrayList<>();
        List<String> services = new ArrayList<>();
        try {
            AwsCredentialsProvider p = provider(source, guards, owned, services);
            return new AwsIdentity(source, new TranslatingCredentialsProvider(p, source.toString()), services, owned);
        } catch (RuntimeException e) {
            closeAll(owned, e);
            throw e;
        }
    }

    /**
     * Wraps a credentials provider built elsewhere (not closed by {@link #close()}).
     *
     * @param provider the provider
     * @param services the guarded services the provider calls, e.g. {@code sts:eu-central-1}, or none
     */
    public static AwsIdentity of(AwsCredentialsProvider provider, List<String> services) {
        Objects.requireNonNull(provider, "provider");
        return new AwsIdentity(null, provider, services, new ArrayList<>());
    }

    /** The provider to hand to an SDK client. */
    public AwsCredentialsProvider credentialsProvider() {
        return provider;
    }

    /** The description this identity was built from, unless it wraps a foreign provider. */
    public Optional<CredentialSource> source() {
        return Optional.ofNullable(source);
    }

    /** The guarded services resolving these credentials calls: {@code sts:<region>} per assumed role, else none. */
    public List<String> services() {
        return services;
    }

    /** Closes the providers and STS clients this identity created. */
    @Override
    public void close() {
        closeAll(owned, null);
    }

    @Override
    public String toString() {
        return source == null ? String.valueOf(provider) : source.toString();
    }

    private static AwsCredentialsProvider provider(
            CredentialSource s, ServiceGuards guards, List<AutoCloseable> owned, List<String> services) {
        if (s instanceof CredentialSource.DefaultChain) {
            DefaultCredentialsProvider p = DefaultCredentialsProvider.builder().build();
            owned.add(p);
            return p;
        }
        if (s instanceof CredentialSource.Profile profile) {
            ProfileCredentialsProvider p = ProfileCredentialsProvider.builder()
                    .profileName(profile.name())
                    .build();
            owned.add(p);
            return p;
        }
        if (s instanceof CredentialSource.StaticKeys keys) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey()));
        }
        CredentialSource.AssumeRole role = (CredentialSource.AssumeRole) s;
        AwsCredentialsProvider sourceProvider = provider(role.source(), guards, owned, services);
        String region = role.stsRegionIfSet().orElse(DEFAULT_STS_REGION);
        String service = "sts:" + region;
        StsClientBuilder b = StsClient.builder()
                .region(Region.of(region))
                .credentialsProvider(sourceProvider)
                .httpClient(Apache5HttpClient.create());
        if (guards != null) {
            // the guard retries with its own backoff; SDK retries underneath would multiply the attempts
            b.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        }
        if (role.stsEndpoint() != null) {
            b.endpointOverride(role.stsEndpoint());
        }
        StsClient sts = b.build();
        owned.add(sts);
        AssumeRoleRequest.Builder request = AssumeRoleRequest.builder()
                .roleArn(role.roleArn())
                .roleSessionName(role.sessionName())
                .durationSeconds((int) role.duration().toSeconds());
        if (role.externalId() != null) {
            request.externalId(role.externalId());
        }
        StsAssumeRoleCredentialsProvider p = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(new GuardedStsClient(sts, guards, service))
                .refreshRequest(request.build())
                .build();
        owned.add(0, p);
        if (!services.contains(service)) {
            services.add(service);
        }
        return p;
    }

    private static void closeAll(List<AutoCloseable> owned, RuntimeException failure) {
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else {
                    LOG.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
                }
            }
        }
    }
}
