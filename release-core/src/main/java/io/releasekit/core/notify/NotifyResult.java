package io.releasekit.core.notify;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of an announcement on several channels: exactly one {@link ChannelOutcome} per channel asked for, in the
 * order asked. A failing channel never hides the others.
 *
 * @param outcomes one per channel
 */
public record NotifyResult(List<ChannelOutcome> outcomes) {

    public NotifyResult {
        outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
    }

    /** Whether every channel has the message. */
    public boolean allDelivered() {
        return outcomes.stream().allMatch(ChannelOutcome::delivered);
    }

    /** The channels that do not have the message (failed or deferred). */
    public List<ChannelOutcome> notDelivered() {
        return outcomes.stream().filter(o -> !o.delivered()).toList();
    }

    /** The outcome of one channel. */
    public Optional<ChannelOutcome> outcome(String channel) {
        return outcomes.stream().filter(o -> o.channel().equals(channel)).findFirst();
    }
}
