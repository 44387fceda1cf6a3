package io.releasekit.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
                "debian:12.5.0, -, debian, 12.5.0",
                "quay.io/packit/packit-service:stable, quay.io, packit/packit-service, stable",
                "localhost:5000/a/b, localhost:5000, a/b, -",
                "localhost/a:1.0.0, localhost, a, 1.0.0",
                "omecproject/5gc-smf:1.4.2, -, omecproject/5gc-smf, 1.4.2"
            })
    void parsesRegistryRepositoryAndTag(String text, String registry, String repository, String tag) {
        ImageReference r = ImageReference.parse(text);

        assertThat(r.registry().orElse(null)).isEqualTo(registry);
        assertThat(r.repository()).isEqualTo(repository);
        assertThat(r.tag().orElse(null)).isEqualTo(tag);
        assertThat(r.toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"Debian:12, repository", "debian:-x, tag", "debian@sha256:12, digest", "'', empty"})
    void refusesMalformedReferences(String text, String what) {
        assertThatThrownBy(() -> ImageReference.parse(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(what);
    }
}
