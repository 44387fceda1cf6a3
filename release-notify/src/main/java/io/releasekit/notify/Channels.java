package io.releasekit.notify;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.notify.Notifier;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.protect.Protection;
import io.releasekit.core.service.ServiceGuards;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates notifiers from {@link ChannelSpec}s: the one place that knows the channel types. Used by the REST facade's
 * configuration and by library users who keep their channels in a configuration file.
 *
 * <pre>{@code
 * try (Notifiers channels = Channels.registry(List.of(
 *         ChannelSpec.builder("ops-slack", "slack").token(env("SLACK_BOT_TOKEN")).channelId("C0123456789").build(),
 *         ChannelSpec.builder("toots", "mastodon").baseUrl("https://fosstodon.org").token(env("MASTODON_TOKEN")).build()),
 *         guards)) {
 *     channels.announce(List.of("ops-slack", "toots"), Message.of("Released 1.4.0"), "release-1.4.0");
 * }
 * }</pre>
 */
public final class Channels {

    /** The channel types, with the settings each one uses besides {@code timeout} and {@code allowHttp}. */
    public static final Map<String, List<String>> TYPES = types();

    private Channels() {}

    /**
     * A notifier for one spec.
     *
     * @throws InvalidInputException for an unknown type, a missing or bad setting, or a setting the type does not
     *     use (a misplaced setting is almost always a mistake); never naming a secret value
     */
    public static Notifier create(ChannelSpec spec) {
        String name = Notifiers.requireValidName(spec.name());
        List<String> uses = TYPES.get(spec.type());
        if (uses == null) {
            throw new InvalidInputException(
                    "channel '" + name + "' has type '" + spec.type() + "'; known types: " + TYPES.keySet());
        }
        refuseUnused(spec, uses);
        Duration timeout = spec.timeout() == null ? Duration.ofSeconds(10) : spec.timeout();
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new InvalidInputException(
                    "timeout of channel '" + name + "' must be between 1 ms and 5 min, was " + timeout);
        }
        return switch (spec.type()) {
            case SlackNotifier.TYPE -> {
                SlackNotifier.Builder b = SlackNotifier.builder(name)
                        .token(spec.token())
                        .channelId(spec.channelId())
                        .timeout(timeout)
                        .allowHttp(spec.allowHttp());
                if (spec.baseUrl() != null) {
                    b.baseUrl(spec.baseUrl());
                }
                if (spec.historyLimit() != null) {
                    b.historyLimit(spec.historyLimit());
                }
                yield b.build();
            }
            case SlackWebhookNotifier.TYPE ->
                SlackWebhookNotifier.builder(name)
                        .url(spec.url())
                        .timeout(timeout)
                        .allowHttp(spec.allowHttp())
                        .build();
            case MatrixNotifier.TYPE ->
                MatrixNotifier.builder(name)
                        .baseUrl(spec.baseUrl())
                        .token(spec.token())
                        .roomId(spec.roomId())
                        .timeout(timeout)
                        .allowHttp(spec.allowHttp())
                        .build();
            case MastodonNotifier.TYPE -> {
                MastodonNotifier.Builder b = MastodonNotifier.builder(name)
                        .baseUrl(spec.baseUrl())
                        .token(spec.token())
                        .timeout(timeout)
                        .allowHttp(spec.allowHttp());
                if (spec.visibility() != null) {
                    b.visibility(spec.visibility());
                }
                if (spec.maxCharacters() != null) {
                    b.maxCharacters(spec.maxCharacters());
                }
                yield b.build();
            }
            case WebhookNotifier.TYPE ->
                WebhookNotifier.builder(name)
                        .url(spec.url())
                        .secret(spec.secret())
                        .timeout(timeout)
                        .allowHttp(spec.allowHttp())
                        .build();
            default -> throw new IllegalStateException("type " + spec.type() + " is listed but not built");
        };
    }

    /**
     * A registry of notifiers for these specs, guarded by {@code guards}. When one spec is bad, the notifiers already
     * created are closed and the error names the bad channel.
     */
    public static Notifiers registry(Collection<ChannelSpec> specs, ServiceGuards guards) {
        return registry(specs, guards, null);
    }

    /**
     * A registry of notifiers for these specs, guarded by {@code guards} and protected by {@code protection}: a post
     * and a topic change pass its check first ({@code post} / {@code set-topic} of {@code channel <name>}). When one
     * spec is bad, the notifiers already created are closed and the error names the bad channel.
     *
     * @param protection the protection, or {@code null} for none
     */
    public static Notifiers registry(Collection<ChannelSpec> specs, ServiceGuards guards, Protection protection) {
        List<Notifier> created = new ArrayList<>();
        try {
            for (ChannelSpec s : specs) {
                created.add(create(s));
            }
            return new Notifiers(created, guards, protection);
        } catch (RuntimeException e) {
            created.forEach(Notifier::close);
            throw e;
        }
    }

    private static void refuseUnused(ChannelSpec s, List<String> uses) {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("url", s.url());
        set.put("base-url", s.baseUrl());
        set.put("token", s.token());
        set.put("channel-id", s.channelId());
        set.put("room-id", s.roomId());
        set.put("visibility", s.visibility());
        set.put("secret", s.secret());
        set.put("max-characters", s.maxCharacters());
        set.put("history-limit", s.historyLimit());
        set.forEach((key, value) -> {
            if (value != null && !uses.contains(key)) {
                throw new InvalidInputException("channel '" + s.name() + "' (type " + s.type()
                        + ") does not use setting '" + key + "'; it uses " + uses);
            }
        });
    }

    private static Map<String, List<String>> types() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(SlackNotifier.TYPE, List.of("token", "channel-id", "base-url", "history-limit"));
        m.put(SlackWebhookNotifier.TYPE, List.of("url"));
        m.put(MatrixNotifier.TYPE, List.of("base-url", "token", "room-id"));
        m.put(MastodonNotifier.TYPE, List.of("base-url", "token", "visibility", "max-characters"));
        m.put(WebhookNotifier.TYPE, List.of("url", "secret"));
        return java.util.Collections.unmodifiableMap(m);
    }
}
