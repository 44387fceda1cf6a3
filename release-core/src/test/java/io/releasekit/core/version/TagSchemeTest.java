package io.releasekit.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagSchemeTest {

    @Test
    void nextReleaseNumberFromExistingTagsWithAPrefix() {
        List<String> tags = List.of("release-0.1.0", "release-0.1.1", "v9.9.9", "release-0.1.2-rc.1", "release-x");

        TagScheme.NextRelease next = TagScheme.of("release-").next(tags, Bump.PATCH);

        assertThat(next.previousTag()).contains("release-0.1.1");
        assertThat(next.tag()).isEqualTo("release-0.1.2");
    }

    @ParameterizedTest
    @CsvSource({"MAJOR, v2.0.0", "MINOR, v1.5.0", "PATCH, v1.4.1"})
    void bumpsTheLatestVTag(Bump bump, String expected) {
        assertThat(TagScheme.of("v")
                        .next(List.of("v1.3.9", "v1.4.0", "v1.10.0-beta"), bump)
                        .tag())
                .isEqualTo(expected);
    }

    @Test
    void ordersByPrecedenceNotByText() {
        assertThat(TagScheme.of("v").latest(List.of("v1.9.0", "v1.10.0", "v1.2.0"), false))
                .map(Object::toString)
                .contains("1.10.0");
    }

    @Test
    void startsAtZeroOneZeroWithoutTags() {
        assertThat(TagScheme.of("v").next(List.of(), Bump.PATCH).tag()).isEqualTo("v0.1.0");
        assertThat(TagScheme.of("v").next(List.of(), Bump.MAJOR).tag()).isEqualTo("v1.0.0");
    }

    @Test
    void ignoresTagsOfOtherSchemes() {
        assertThat(TagScheme.of("").versionOf("v1.2.3")).isEmpty();
        assertThat(TagScheme.of("v").versionOf("vv1.2.3")).isEmpty();
        assertThat(TagScheme.of("v").versionOf("v1.2.3")).map(Object::toString).contains("1.2.3");
    }

    @Test
    void refusesAPrefixThatCannotStartATag() {
        assertThatThrownBy(() -> TagScheme.of("bad..prefix")).isInstanceOf(InvalidInputException.class);
    }
}
