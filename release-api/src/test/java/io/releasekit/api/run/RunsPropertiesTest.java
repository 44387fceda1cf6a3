package io.releasekit.api.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSE keep-alive setting: 15 s unless configured, and never zero or negative. */
class RunsPropertiesTest {

    @Test
    void keepAliveDefaultsToFifteenSeconds() {
        assertThat(new RunsProperties().getSseKeepAlive()).isEqualTo(Duration.ofSeconds(15));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT-1S"})
    void refusesAKeepAliveThatIsNotPositiveNamingTheKey(String value) {
        RunsProperties properties = new RunsProperties();

        assertThatThrownBy(() -> properties.setSseKeepAlive(Duration.parse(value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("releasekit.runs.sse-keep-alive")
                .hasMessageContaining(Duration.parse(value).toString());
        assertThat(properties.getSseKeepAlive()).isEqualTo(Duration.ofSeconds(15));
    }
}
