package io.releasekit.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComponentExpectationTest {

    static final String SHA = "3f2a9c1e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a";

    @ParameterizedTest(name = "expected {0}, reported {1} → {2}")
    @CsvSource({
        "3f2a9c1e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a, 3f2a9c1e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a, true",
        "3f2a9c1, 3f2a9c1e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a, true",
        "3f2a9c1e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a, 3F2A9C1E, true",
        "3f2a9c1e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a, 3f2a9c, false",
        "3f2a9c1e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a, 0d5c7a3e1f2b4c6d8e9f0a1b2c3d4e5f6a7b8c9d, false",
        "0.104.0, 0.104.0, true",
        "0.104.0, 0.104, false",
        "0.104, 0.104.0, false"
    })
    void matchesAVersionExactlyAndACommitByItsAbbreviation(String expected, String reported, boolean matches) {
        assertThat(ComponentExpectation.of("packit-service", expected).matches(Optional.of(reported)))
                .isEqualTo(matches);
    }

    @Test
    void nothingReportedNeverMatchesAndAnyValueNeedsOne() {
        assertThat(ComponentExpectation.anyValue("ogr").matches(Optional.empty()))
                .isFalse();
        assertThat(ComponentExpectation.anyValue("ogr").matches(Optional.of(" ")))
                .isFalse();
        assertThat(ComponentExpectation.anyValue("ogr").matches(Optional.of("0.51.0")))
                .isTrue();
    }

    @Test
    void parsesEntriesAndRefusesAnEntryWithoutValueABadNameAndADuplicate() {
        assertThat(ComponentExpectation.parse("expect", List.of("packit-service=" + SHA, "packit = 0.99.0")))
                .extracting(ComponentExpectation::toString)
                .containsExactly("packit-service=" + SHA, "packit=0.99.0");
        assertThatThrownBy(() -> ComponentExpectation.parse("expect", List.of("packit")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'expect'")
                .hasMessageContaining("'packit'");
        assertThatThrownBy(() -> ComponentExpectation.parse("expect", List.of("../x=1")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'../x'");
        assertThatThrownBy(() -> ComponentExpectation.parse("expect", List.of("a=1", "a=2")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void anEvaluationNamesWhatDoesNotMatchAndRefusesAnUnconfiguredComponent() {
        Map<String, Optional<String>> values = new LinkedHashMap<>();
        values.put("packit-service", Optional.of(SHA));
        values.put("ogr", Optional.empty());
        StatusSnapshot snapshot = new StatusSnapshot("prod", values);

        DeploymentEvaluation e = DeploymentEvaluation.of(
                snapshot,
                List.of(ComponentExpectation.of("packit-service", "3f2a9c1"), ComponentExpectation.anyValue("ogr")));

        assertThat(e.verified()).isFalse();
        assertThat(e.mismatches())
                .extracting(DeploymentEvaluation.Component::describe)
                .containsExactly("ogr: nothing (expected a value)");
        assertThatThrownBy(() -> DeploymentEvaluation.of(snapshot, List.of(ComponentExpectation.anyValue("packit"))))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'packit'");
    }
}
