package io.releasekit.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.service.GuardConfig;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.RecordingNotifier;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotifiersTest {

    private final ServiceGuards guards = ServiceGuards.builder()
            .defaults(GuardConfig.defaults()
                    .withMaxAttempts(2)
                    .withWaits(Duration.ofSeconds(30), Duration.ofMillis(10))
                    .withTimeout(Duration.ofSeconds(2)))
            .build();

    @AfterEach
    void close() {
        guards.close();
    }

    @Test
    void oneFailingChannelNeverHidesTheOthers() {
        RecordingNotifier slack = RecordingNotifier.withTopic("ops-slack", "slack");
        RecordingNotifier matrix = RecordingNotifier.withTopic("packit-matrix", "matrix")
                .failWith(() -> new ServiceUnavailableException("matrix", "matrix answered 503"));
        RecordingNotifier mastodon = RecordingNotifier.withoutTopic("packit-mastodon", "mastodon");
        Notifiers notifiers = new Notifiers(List.of(slack, matrix, mastodon), guards);

        NotifyResult r = notifiers.announce(
                List.of("packit-matrix", "ops-slack", "packit-mastodon"), Message.of("deployed"), "k1");

        assertThat(r.outcomes())
                .extracting(ChannelOutcome::channel, ChannelOutcome::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("packit-matrix", ChannelOutcome.Status.FAILED),
                        org.assertj.core.groups.Tuple.tuple("ops-slack", ChannelOutcome.Status.DELIVERED),
                        org.assertj.core.groups.Tuple.tuple("packit-mastodon", ChannelOutcome.Status.DELIVERED));
        ChannelOutcome failed = r.outcome("packit-matrix").orElseThrow();
        assertThat(failed.error()).contains("503");
        assertThat(failed.retryable()).isTrue();
        assertThat(r.allDelivered()).isFalse();
        assertThat(r.notDelivered()).containsExactly(failed);
        assertThat(slack.posted()).hasSize(1);
        assertThat(mastodon.posted()).hasSize(1);
    }

    @Test
    void anAnnouncementRepeatedWithTheSameKeyPostsNothingNew() {
        RecordingNotifier slack = RecordingNotifier.withTopic("ops-slack", "slack");
        Notifiers notifiers = new Notifiers(List.of(slack), guards);

        NotifyResult first = notifiers.announce(List.of("ops-slack"), Message.of("hi"), "k");
        NotifyResult again = notifiers.announce(List.of("ops-slack"), Message.of("hi"), "k");

        assertThat(slack.posted()).hasSize(1);
        assertThat(again.outcomes().get(0).ids())
                .isEqualTo(first.outcomes().get(0).ids());
        assertThat(again.outcomes().get(0).alreadyDelivered()).isTrue();
    }

    @Test
    void refusesAnUnknownChannelBeforePostingAnything() {
        RecordingNotifier slack = RecordingNotifier.withTopic("ops-slack", "slack");
        Notifiers notifiers = new Notifiers(List.of(slack), guards);

        assertThatThrownBy(() -> notifiers.announce(List.of("ops-slack", "typo"), Message.of("hi"), "k"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'typo'")
                .hasMessageContaining("[ops-slack]");
        assertThat(slack.posted()).isEmpty();
    }

    @Test
    void refusesAnEmptyChannelList() {
        assertThatThrownBy(() -> Notifiers.empty().announce(List.of(), Message.of("hi"), "k"))
                .isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Upper", "-dash", "has space", "colon:x", "slash/x"})
    void refusesInvalidChannelNames(String bad) {
        assertThatThrownBy(() -> new Notifiers(List.of(RecordingNotifier.withTopic(bad, "slack")), guards))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'" + bad + "'");
    }

    @Test
    void refusesADuplicateChannelName() {
        assertThatThrownBy(() -> new Notifiers(
                        List.of(RecordingNotifier.withTopic("a", "slack"), RecordingNotifier.withTopic("a", "matrix")),
                        guards))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'a'");
    }

    @Test
    void listsChannelsWithTopics() {
        Notifiers n = new Notifiers(
                List.of(RecordingNotifier.withoutTopic("m", "mastodon"), RecordingNotifier.withTopic("s", "slack")),
                guards);
        assertThat(n.withTopics()).extracting(Notifier::name).containsExactly("s");
        assertThat(n.names()).containsExactly("m", "s");
    }

    @Test
    void aChannelWithoutTopicSaysSo() {
        Notifier m = RecordingNotifier.withoutTopic("packit-mastodon", "mastodon");
        assertThatThrownBy(m::topic)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'packit-mastodon'")
                .hasMessageContaining("mastodon");
    }
}
