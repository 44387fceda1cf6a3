package io.releasekit.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.ConflictException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.RateLimitedException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.host.ReleaseChange.Change;
import io.releasekit.core.service.GuardConfig;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.InMemoryReleaseHost;
import io.releasekit.core.version.Bump;
import io.releasekit.core.version.TagScheme;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleasesTest {

    static final String SHA = "1".repeat(40);

    final InMemoryReleaseHost host = new InMemoryReleaseHost().ref("main", SHA).tag("v1.4.0", "0".repeat(40));
    final ServiceGuards guards = ServiceGuards.builder()
            .service("github", GuardConfig.defaults().withWaits(Duration.ofSeconds(30), Duration.ofMillis(1)))
            .build();
    final Releases releases = new Releases(host, guards);

    @Test
    void createsADraftOnceAndReturnsItOnTheSecondCall() {
        ReleaseChange first = releases.create("v1.4.1").target(SHA).call();
        ReleaseChange second = releases.create("v1.4.1").target("main").call();

        assertThat(first.change()).isEqualTo(Change.CREATED);
        assertThat(first.release().orElseThrow().draft()).isTrue();
        assertThat(second.change()).isEqualTo(Change.UNCHANGED);
        assertThat(host.writes()).isEqualTo(1);
    }

    @Test
    void refusesAnExistingReleaseWithOtherContent() {
        releases.create("v1.4.1").name("1.4.1").notes("Fixes.").call();

        assertThatThrownBy(() -> releases.create("v1.4.1")
                        .name("Other title")
                        .notes("Other notes.")
                        .call())
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("name is '1.4.1', asked for 'Other title'")
                .hasMessageContaining("notes differ");
    }

    @Test
    void treatsNotesDifferingOnlyInLineEndingsAsTheSame() {
        releases.create("v1.4.1").notes("- a\n- b\n").call();

        assertThat(releases.create("v1.4.1").notes("- a  \r\n- b").call().change())
                .isEqualTo(Change.UNCHANGED);
    }

    @Test
    void plansWithoutWritingInADryRun() {
        ReleaseChange planned =
                releases.create("v1.4.1").target(SHA).dryRun(true).call();

        assertThat(planned.change()).isEqualTo(Change.PLANNED);
        assertThat(planned.summary()).isEqualTo("would create draft release v1.4.1 (tag created from " + SHA + ")");
        assertThat(host.writes()).isZero();
        assertThat(host.findRelease("v1.4.1")).isEmpty();
    }

    @Test
    void writesNotesAndPublishesInOneEditThenLeavesThePublishedReleaseAlone() {
        releases.create("v1.4.1").target("main").call();

        ReleaseChange written = releases.writeNotes("v1.4.1", "## What's Changed\n- x", true, false);
        ReleaseChange again = releases.writeNotes("v1.4.1", "## What's Changed\n- x", true, false);

        assertThat(written.change()).isEqualTo(Change.PUBLISHED);
        assertThat(written.release().orElseThrow().draft()).isFalse();
        assertThat(again.change()).isEqualTo(Change.UNCHANGED);
        assertThat(host.tags()).contains("v1.4.1");
        assertThatThrownBy(() -> releases.writeNotes("v1.4.1", "edited by someone else", false, false))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("published with other notes");
    }

    @Test
    void publishesADraftOnlyOnce() {
        releases.create("v1.4.1").call();

        assertThat(releases.publish("v1.4.1", true).change()).isEqualTo(Change.PLANNED);
        assertThat(releases.publish("v1.4.1", false).change()).isEqualTo(Change.PUBLISHED);
        assertThat(releases.publish("v1.4.1", false).change()).isEqualTo(Change.UNCHANGED);
    }

    @Test
    void deletesDraftsButNeverPublishedReleases() {
        host.release("v1.3.0", "old", false);
        releases.create("v1.4.1").call();

        assertThat(releases.deleteDraft("v1.4.1", false).change()).isEqualTo(Change.DELETED);
        assertThat(releases.deleteDraft("v1.4.1", false).change()).isEqualTo(Change.UNCHANGED);
        assertThatThrownBy(() -> releases.deleteDraft("v1.3.0", false)).isInstanceOf(ConflictException.class);
    }

    @Test
    void numbersTheNextReleaseThroughTheGuard() {
        assertThat(releases.next(TagScheme.of("v"), Bump.MINOR).tag()).isEqualTo("v1.5.0");
        assertThat(guards.status("github").bufferedCalls()).isEqualTo(2);
    }

    @Test
    void retriesAFlakyHostThroughTheGuardAndNamesAMissingRelease() {
        host.failNext(1, () -> new ServiceUnavailableException("github", "502 from GitHub"));

        assertThat(releases.find("v9.9.9")).isEmpty();
        assertThatThrownBy(() -> releases.require("v9.9.9"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("v9.9.9");
    }

    @Test
    void waitsOutAShortRateLimitOnceButThrowsALongOne() {
        List<Duration> slept = new ArrayList<>();
        Releases patient = releases.waitingOutRateLimits(Duration.ofSeconds(10), slept::add);

        host.failNext(1, () -> new RateLimitedException("github", "secondary rate limit", Duration.ofSeconds(3), null));
        assertThat(patient.find("v1.4.0")).isEmpty();
        assertThat(slept).containsExactly(Duration.ofSeconds(3));

        host.failNext(1, () -> new RateLimitedException("github", "rate limit", Duration.ofMinutes(20), null));
        assertThatThrownBy(() -> patient.find("v1.4.0")).isInstanceOf(RateLimitedException.class);
        host.failNext(1, () -> new RateLimitedException("github", "rate limit", Duration.ofSeconds(1), null));
        assertThatThrownBy(() -> releases.find("v1.4.0")).isInstanceOf(RateLimitedException.class);
    }
}
