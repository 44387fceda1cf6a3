package io.releasekit.process.notify;

import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import java.util.List;

/**
 * {@code notify.announce}: posts one message to several configured channels, one {@link PostMessageStep} per channel,
 * each deferrable on its own service, so a Slack outage parks the Slack step while Matrix and Mastodon get the message.
 *
 * <p>Parameters: {@code channels} (required, configured channel names), {@code text} (required), {@code markdown}
 * (optional Markdown form).
 */
public final class AnnounceProcess implements ProcessDefinition {

    /** The process kind. */
    public static final String KIND = "notify.announce";

    private final Notifiers notifiers;

    /** The process over these channels. */
    public AnnounceProcess(Notifiers notifiers) {
        this.notifiers = notifiers;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Announce a message on several chat channels; a channel whose service is down is deferred, not failed";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.builder()
                .strings("channels", true, "configured channel names, e.g. [\"ops-slack\", \"packit-matrix\"]")
                .string("text", true, "the message as plain text")
                .string("markdown", false, "the message as Markdown, for channels that render it")
                .build();
    }

    @Override
    public List<Step> steps(RunParameters parameters) {
        Message message = Message.of(
                parameters.string("text"), parameters.optionalString("markdown").orElse(null));
        return notifiers.resolve(parameters.strings("channels")).stream()
                .map(n -> (Step) new PostMessageStep(n, message))
                .toList();
    }
}
