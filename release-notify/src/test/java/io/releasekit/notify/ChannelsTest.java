package io.releasekit.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.notify.Notifier;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.service.ServiceGuards;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelsTest {

    @Test
    void createsEveryTypeWithItsServiceName() {
        try (Notifiers n = Channels.registry(
                List.of(
                        ChannelSpec.builder("a", "slack")
                                .token("xoxb-aaaaaaaa")
                                .channelId("C0123456789")
                                .build(),
                        ChannelSpec.builder("b", "slack-webhook")
                                .url("https://hooks.slack.com/services/T0/B0/XXXXXXXX")
                                .build(),
                        ChannelSpec.builder("c", "matrix")
                                .baseUrl("https://matrix.example.org")
                                .token("syt_cccccccc")
                                .roomId("!room:example.org")
                                .build(),
                        ChannelSpec.builder("d", "mastodon")
                                .baseUrl("https://fosstodon.org")
                                .token("dddddddd")
                                .visibility("unlisted")
                                .maxCharacters(1000)
                                .build(),
                        ChannelSpec.builder("e", "webhook")
                                .url("https://ci.example.org/hooks/release")
                                .secret("eeeeeeee")
                                .timeout(Duration.ofSeconds(3))
                                .build()),
                ServiceGuards.withDefaults())) {
            assertThat(n.all())
                    .extracting(Notifier::type)
                    .containsExactly("slack", "slack-webhook", "matrix", "mastodon", "webhook");
            assertThat(n.all())
                    .extracting(Notifier::service)
                    .containsExactly("slack", "slack", "matrix", "mastodon", "webhook:e");
            assertThat(n.withTopics()).extracting(Notifier::name).containsExactly("a", "c");
        }
    }

    @Test
    void refusesAnUnknownTypeListingTheKnownOnes() {
        assertThatThrownBy(() ->
                        Channels.create(ChannelSpec.builder("x", "discord").build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'discord'")
                .hasMessageContaining("slack-webhook");
    }

    @Test
    void refusesASettingTheTypeDoesNotUse() {
        assertThatThrownBy(() -> Channels.create(ChannelSpec.builder("x", "mastodon")
                        .baseUrl("https://fosstodon.org")
                        .token("tttttttt")
                        .roomId("!r:example.org")
                        .build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'room-id'")
                .hasMessageContaining("mastodon");
    }

    @Test
    void refusesAMissingRequiredSettingNamingIt() {
        assertThatThrownBy(() -> Channels.create(ChannelSpec.builder("x", "matrix")
                        .token("tttttttt")
                        .roomId("!r:example.org")
                        .build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("base-url of channel 'x'");
    }

    @Test
    void refusesAnUnreasonableTimeout() {
        assertThatThrownBy(() -> Channels.create(ChannelSpec.builder("x", "slack-webhook")
                        .url("https://hooks.slack.com/services/T/B/X")
                        .timeout(Duration.ofHours(1))
                        .build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("timeout");
    }
}
