package io.releasekit.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemVerTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0",
                "1.2.3",
                "10.20.30",
                "999999999999999999.0.1",
                "1000000000000000000.0.0",
                "01.2.3",
                "1.02.3",
                "1.2.03",
                "1.2",
                "1.2.3.4",
                "1..3",
                ".1.2",
                "1.2.",
                "1.2.3-rc.1",
                "1.2.3+build.5",
                "1.2.3-0",
                "1.2.3 ",
                " 1.2.3",
                "1.2.3\n",
                "1.2.x",
                "-1.2.3",
                "1.-2.3",
                "9223372036854775807.0.0",
                "9223372036854775808.0.0",
                "1.2.3-",
                "1.2.3+",
                "",
                "v1.2.3",
                "0.0.00",
                "1.2.3\u0661"
            })
    void readsAPlainReleaseAsTheGeneralParserDoes(String text) {
        // SemVer reads MAJOR.MINOR.PATCH itself (the service parses every tag a request sends); whatever it accepts
        // or refuses must be what java-semver's strict parser decides, the same version included
        assertThat(SemVer.tryParse(text).map(SemVer::toString))
                .as("'%s'", text)
                .isEqualTo(com.github.zafarkhaja.semver.Version.tryParse(text, true)
                        .map(com.github.zafarkhaja.semver.Version::toString));
        assertThat(SemVer.tryParse(text))
                .isEqualTo(com.github.zafarkhaja.semver.Version.tryParse(text, true)
                        .map(v -> SemVer.parse(v.toString())));
    }

    @Test
    void ordersTheSpecificationsPrecedenceExample() {
        // semver.org §11: 1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-alpha.beta < 1.0.0-beta < 1.0.0-beta.2
        //                 < 1.0.0-beta.11 < 1.0.0-rc.1 < 1.0.0
        List<String> expected = List.of(
                "1.0.0-alpha",
                "1.0.0-alpha.1",
                "1.0.0-alpha.beta",
                "1.0.0-beta",
                "1.0.0-beta.2",
                "1.0.0-beta.11",
                "1.0.0-rc.1",
                "1.0.0");
        List<String> shuffled = new ArrayList<>(expected);
        Collections.reverse(shuffled);
        Collections.swap(shuffled, 1, 5);

        List<String> sorted = shuffled.stream()
                .map(SemVer::parse)
                .sorted()
                .map(SemVer::toString)
                .toList();

        assertThat(sorted).containsExactlyElementsOf(expected);
    }

    @Test
    void ordersNumbersNumericallyAndIgnoresBuildMetadataForPrecedence() {
        assertThat(SemVer.parse("1.10.0")).isGreaterThan(SemVer.parse("1.9.0"));
        assertThat(SemVer.parse("2.0.0")).isGreaterThan(SemVer.parse("1.99.99"));
        assertThat(SemVer.parse("1.0.0+build.1").compareTo(SemVer.parse("1.0.0+build.2")))
                .isZero();
        assertThat(SemVer.parse("1.0.0+build.1")).isNotEqualTo(SemVer.parse("1.0.0+build.2"));
    }

    @Test
    void printsWhatItParsed() {
        SemVer v = SemVer.parse("1.2.3-rc.1+sha.5114f85");
        assertThat(v.toString()).isEqualTo("1.2.3-rc.1+sha.5114f85");
        assertThat(v.major()).isEqualTo(1);
        assertThat(v.minor()).isEqualTo(2);
        assertThat(v.patch()).isEqualTo(3);
        assertThat(v.preRelease()).contains("rc.1");
        assertThat(v.build()).contains("sha.5114f85");
    }

    @ParameterizedTest
    @CsvSource({"1.2.3, MAJOR, 2.0.0", "1.2.3, MINOR, 1.3.0", "1.2.3, PATCH, 1.2.4", "1.3.0-dev, PATCH, 1.3.1"})
    void bumps(String from, Bump bump, String to) {
        assertThat(SemVer.parse(from).bump(bump)).hasToString(to);
    }

    @Test
    void makesAndDropsDevPreReleases() {
        assertThat(SemVer.parse("1.3.0").dev()).hasToString("1.3.0-dev");
        assertThat(SemVer.parse("1.3.0-dev").isDev()).isTrue();
        assertThat(SemVer.parse("1.3.0-dev").release()).hasToString("1.3.0");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "1",
                "1.2",
                "v1.2.3",
                "01.2.3",
                "1.2.3-",
                "1.2.3-01",
                "1.2.3+",
                " 1.2.3",
                "1.2.3 ",
                "1.2.3\n",
                "a.b.c",
                "1.2.3-é"
            })
    void refusesWhatIsNotSemVer(String text) {
        assertThatThrownBy(() -> SemVer.parse(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("version");
    }
}
