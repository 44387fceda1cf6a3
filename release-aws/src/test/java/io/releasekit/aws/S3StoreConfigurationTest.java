package io.releasekit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Store and credential configuration is validated up front, with the bad value in the message. */
class S3StoreConfigurationTest {

    static Stream<Arguments> badStores() {
        return Stream.of(
                bad("bucket 'Releases'", b -> b.bucket("Releases"), "'Releases' is not a valid S3 bucket name"),
                bad("bucket 'ab'", b -> b.bucket("ab"), "'ab' is not a valid S3 bucket name"),
                bad("no bucket", b -> b.bucket(null), "'null' is not a valid S3 bucket name"),
                bad("region 'EU'", b -> b.region("EU"), "'EU' is not a valid AWS region name"),
                bad("prefix with ..", b -> b.prefix("a/../b"), "store prefix 'a/../b' is refused"),
                bad("part size 1 MiB", b -> b.partSize(1024 * 1024), "part size must be between 5 MiB and 2 GiB"),
                bad("copy threshold 6 GiB", b -> b.multipartCopyThreshold(6L << 30), "between 0 and 5 GiB"),
                bad(
                        "upload concurrency 0",
                        b -> b.uploadConcurrency(0),
                        "upload concurrency must be between 1 and 64, was 0"),
                bad("page size 0", b -> b.listPageSize(0), "list page size must be between 1 and 1000, was 0"),
                bad("relative endpoint", b -> b.endpoint(URI.create("minio:9000")), "is not an absolute URL"),
                bad(
                        "credentials and identity",
                        b -> b.credentials(CredentialSource.defaultChain())
                                .identity(AwsIdentity.of(CredentialSource.staticKeys("a", "b"))),
                        "either credentials or a shared identity"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badStores")
    void refusesABadStoreConfigurationNamingTheValue(
            String name, UnaryOperator<S3ArtifactStoreBuilder> change, String message) {
        S3ArtifactStoreBuilder b = S3ArtifactStore.builder()
                .bucket("releases")
                .region("eu-central-1")
                .credentials(CredentialSource.staticKeys("AKIAEXAMPLE", "secret"));
        assertThatThrownBy(() -> change.apply(b).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message);
    }

    @Test
    void refusesBadRoleSettings() {
        assertThatThrownBy(() -> CredentialSource.assumeRole("arn:aws:iam::123:role/x"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'arn:aws:iam::123:role/x' is not a role ARN");
        CredentialSource.AssumeRole role =
                CredentialSource.assumeRole("arn:aws:iam::886866542769:role/publish-release");
        assertThatThrownBy(() -> role.withSessionName("break glass"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'break glass' is not a valid role session name");
        assertThatThrownBy(() -> role.withDuration(Duration.ofMinutes(5)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("outside 15 minutes to 12 hours");
        assertThatThrownBy(() -> CredentialSource.profile("has space"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'has space' is not a valid AWS profile name");
    }

    @Test
    void neverShowsASecretOrExternalId() {
        CredentialSource keys = CredentialSource.staticKeys("AKIAEXAMPLE", "wJalrXUtnFEMI/K7MDENG");
        CredentialSource role = CredentialSource.assumeRole("arn:aws:iam::886866542769:role/publish-release")
                .withExternalId("sekrit-external")
                .withSource(keys);

        assertThat(keys.toString()).contains("AKIAEXAMPLE").doesNotContain("wJalr");
        assertThat(role.toString())
                .contains("arn:aws:iam::886866542769:role/publish-release")
                .doesNotContain("wJalr")
                .doesNotContain("sekrit");
    }

    @Test
    void normalisesThePrefixAndDescribesTheStore() {
        try (S3ArtifactStore store = S3ArtifactStore.builder()
                .bucket("ferrocene-prod-releases")
                .prefix("/dist/ferrocene/")
                .region("eu-central-1")
                .credentials(CredentialSource.staticKeys("AKIAEXAMPLE", "secret"))
                .build()) {
            assertThat(store.prefix()).isEqualTo("dist/ferrocene/");
            assertThat(store.location()).isEqualTo("s3://ferrocene-prod-releases/dist/ferrocene/");
            assertThat(store.tuning()).isEqualTo(S3StoreTuning.defaults());
            assertThat(store.toString()).doesNotContain("secret");
        }
    }

    private static Arguments bad(String name, UnaryOperator<S3ArtifactStoreBuilder> change, String message) {
        return Arguments.of(name, change, message);
    }
}
