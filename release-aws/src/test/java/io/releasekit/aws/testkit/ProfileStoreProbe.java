package io.releasekit.aws.testkit;

import io.releasekit.aws.CredentialSource;
import io.releasekit.aws.S3ArtifactStore;
import io.releasekit.core.artifact.ArtifactKey;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Run in a child JVM by profile tests: the AWS SDK reads {@code ~/.aws} through the {@code HOME} environment variable
 * (the SSO token cache directory is fixed when the SDK class loads), which only a new process can point at a temporary
 * directory. Arguments: S3 endpoint, bucket, profile name, key, content. Writes the object through a store using
 * {@link CredentialSource#profile}, then prints {@code stored <sha256>} and exits 0; on failure prints {@code failed
 * <exception class>: <message>} and exits 2.
 */
public final class ProfileStoreProbe {

    private ProfileStoreProbe() {}

    /** Entry point. */
    public static void main(String[] args) {
        byte[] content = args[4].getBytes(StandardCharsets.UTF_8);
        String sha = S3Fixtures.sha256(content);
        try (S3ArtifactStore store = S3ArtifactStore.builder()
                .bucket(args[1])
                .region("eu-central-1")
                .endpoint(URI.create(args[0]))
                .pathStyle(true)
                .sdkMaxAttempts(1)
                .credentials(CredentialSource.profile(args[2]))
                .build()) {
            store.put(ArtifactKey.of(args[3]), new ByteArrayInputStream(content), content.length, sha);
            System.out.println("stored " + sha);
            System.exit(0);
        } catch (RuntimeException e) {
            System.out.println("failed " + e.getClass().getName() + ": " + e.getMessage());
            System.exit(2);
        }
    }
}
