package io.releasekit.api.store;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Ferrocene's release environment (seed 000) mapped onto stores, so the same shell that ran {@code publish-release}
 * configures releasekit:
 *
 * <ul>
 *   <li>{@code PUBLISHRELEASE_ARTIFACTS_BUCKET} → store {@code artifacts}, bucket (region us-east-1 unless configured)
 *   <li>{@code PUBLISHRELEASE_ARTIFACTS_ROLE} → store {@code artifacts}, assume-role ARN (the default chain, e.g.
 *       {@code AWS_PROFILE}, signs the AssumeRole call)
 *   <li>{@code PUBLISHRELEASE_RELEASES_BUCKET} → store {@code releases}, bucket (region eu-central-1 unless configured)
 * </ul>
 *
 * A variable that is set wins over {@code releasekit.stores.*} from files, as environment variables do in Micronaut;
 * other keys of those stores (region, prefix, endpoint) still come from the configuration.
 */
@Singleton
public class PublishReleaseEnvironment {

    /** The artifacts store's region unless configured (Ferrocene's CI bucket). */
    public static final String ARTIFACTS_REGION = "us-east-1";

    /** The releases store's region unless configured (Ferrocene's releases bucket). */
    public static final String RELEASES_REGION = "eu-central-1";

    private final String artifactsBucket;
    private final String artifactsRole;
    private final String releasesBucket;

    PublishReleaseEnvironment(
            @Value("${publishrelease.artifacts.bucket:}") String artifactsBucket,
            @Value("${publishrelease.artifacts.role:}") String artifactsRole,
            @Value("${publishrelease.releases.bucket:}") String releasesBucket) {
        this.artifactsBucket = artifactsBucket;
        this.artifactsRole = artifactsRole;
        this.releasesBucket = releasesBucket;
    }

    /** Applies the variables that are set to {@code stores} (by name), adding the stores they name if missing. */
    void apply(Map<String, StoreProperties> stores) {
        if (!artifactsBucket.isBlank() || !artifactsRole.isBlank()) {
            StoreProperties a = s3(stores, "artifacts", ARTIFACTS_REGION);
            if (!artifactsBucket.isBlank()) {
                a.setBucket(artifactsBucket.trim());
            }
            if (!artifactsRole.isBlank()) {
                a.setRoleArn(artifactsRole.trim());
                a.setCredentials("assume-role");
            }
        }
        if (!releasesBucket.isBlank()) {
            s3(stores, "releases", RELEASES_REGION).setBucket(releasesBucket.trim());
        }
    }

    private static StoreProperties s3(Map<String, StoreProperties> stores, String name, String region) {
        StoreProperties p = stores.computeIfAbsent(name, StoreProperties::new);
        if (p.getType() == null) {
            p.setType(StoreSettings.S3);
        }
        if (p.getRegion() == null) {
            p.setRegion(region);
        }
        return p;
    }
}
