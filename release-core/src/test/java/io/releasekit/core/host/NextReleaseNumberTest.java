package io.releasekit.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.core.version.Bump;
import io.releasekit.core.version.TagScheme;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NextReleaseNumberTest {

    static Release release(long id, String tag, boolean draft) {
        return new Release(
                id, tag, tag, "", "main", draft, false, "", draft ? Optional.empty() : Optional.of(Instant.EPOCH));
    }

    @ParameterizedTest
    @CsvSource({"PATCH, v1.4.1", "MINOR, v1.5.0", "MAJOR, v2.0.0"})
    void bumpsTheHighestTagOfThePrefix(Bump bump, String expected) {
        NextReleaseNumber next = NextReleaseNumber.of(
                TagScheme.of("v"), bump, List.of("v1.3.9", "v1.4.0", "v1.4.0-rc.1", "other-9.9.9"), List.of());

        assertThat(next.tag()).isEqualTo(expected);
        assertThat(next.previousTag()).contains("v1.4.0");
    }

    @Test
    void numbersFromTheLastReleaseOfSeed001() {
        NextReleaseNumber next = NextReleaseNumber.of(
                TagScheme.of("release-"),
                Bump.PATCH,
                List.of("release-0.1.0"),
                List.of(release(1, "release-0.1.0", false), release(2, "release-0.1.1", false)));

        assertThat(next.tag()).isEqualTo("release-0.1.2");
        assertThat(next.previousTag()).contains("release-0.1.1");
        assertThat(next.existingDraft()).isEmpty();
    }

    @Test
    void reportsADraftAlreadyWaitingAtTheNextTag() {
        Release draft = release(3, "v1.4.1", true);

        NextReleaseNumber next = NextReleaseNumber.of(TagScheme.of("v"), Bump.PATCH, List.of("v1.4.0"), List.of(draft));

        assertThat(next.tag()).isEqualTo("v1.4.1");
        assertThat(next.existingDraft()).contains(draft);
    }

    @Test
    void startsAt010WithoutAnyRelease() {
        assertThat(NextReleaseNumber.of(TagScheme.of("v"), Bump.PATCH, List.of(), List.of())
                        .tag())
                .isEqualTo("v0.1.0");
    }
}
