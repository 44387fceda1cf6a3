package io.releasekit.core.scm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommitIdTest {

    @Test
    void keepsFortyHexDigitsInLowerCase() {
        CommitId id = CommitId.of("ABCDEF0123456789abcdef0123456789ABCDEF01");

        assertThat(id.value()).isEqualTo("abcdef0123456789abcdef0123456789abcdef01");
        assertThat(id.abbreviated()).isEqualTo("abcdef012345");
        assertThat(id).isEqualTo(CommitId.of("abcdef0123456789abcdef0123456789abcdef01"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "abc",
                "g000000000000000000000000000000000000000",
                "0000000000000000000000000000000000000000a"
            })
    void refusesAnythingElseNamingTheValue(String bad) {
        assertThatThrownBy(() -> CommitId.of(bad))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'" + bad + "'")
                .hasMessageContaining("40 hexadecimal digits");
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> CommitId.of(null)).isInstanceOf(InvalidInputException.class);
    }
}
