package io.releasekit.process.notify;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Notifier;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.notify.Topic;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code deployment} (seed 004, Packit's weekly production deployment): set the chat topics to a "deployment in
 * progress" notice, run the deployment's own steps, announce, and restore the topics — the restore steps {@link
 * Step#runsAlways() run always}, so a failed deployment does not leave the notice up.
 *
 * <p>The deployment's own steps come from an optional inner process (for example {@code git.move-branch} moving
 * {@code main} to {@code stable}); its parameters are accepted next to these and its approval policy applies. Without
 * one, the process is topics → announcement → restore.
 *
 * <p>Parameters: {@code topic} (required), {@code topicChannels} (optional; default every channel with a topic),
 * {@code announcement} and {@code announceChannels} (optional, together), {@code restoreTopic} (optional fallback when
 * the topic before the run is unknown), plus the inner process's parameters.
 */
public final class DeploymentProcess implements ProcessDefinition {

    /** The process kind. */
    public static final String KIND = "deployment";

    private final Notifiers notifiers;
    private final ProcessDefinition inner;
    private final ParameterSpec parameters;
    private final Set<String> keepNoticeAfter;

    /** Topics → announcement → restore, with no deployment steps of its own. */
    public DeploymentProcess(Notifiers notifiers) {
        this(notifiers, null);
    }

    /**
     * Topics → the inner process's steps → announcement → restore; when one of the inner steps named in {@code
     * keepNoticeAfter} fails, the topic channels keep the notice and are told what failed ({@link FailureNoticeStep}).
     *
     * @param inner the deployment's own steps
     * @param keepNoticeAfter names of inner steps whose failure leaves the deployment unfinished
     */
    public DeploymentProcess(Notifiers notifiers, ProcessDefinition inner, Set<String> keepNoticeAfter) {
        this.keepNoticeAfter = Set.copyOf(keepNoticeAfter);
        this.notifiers = notifiers;
        this.inner = inner;
        this.parameters = parameters(inner);
    }

    /**
     * Topics → the inner process's steps → announcement → restore.
     *
     * @param inner the deployment's own steps, or {@code null}
     * @throws IllegalArgumentException when the inner process declares a parameter of the same name as this one
     */
    public DeploymentProcess(Notifiers notifiers, ProcessDefinition inner) {
        this(notifiers, inner, Set.of());
    }

    private static ParameterSpec parameters(ProcessDefinition inner) {
        List<ParameterSpec.Param> params = new ArrayList<>(ParameterSpec.builder()
                .string("topic", true, "the topic shown while the deployment runs")
                .strings("topicChannels", false, "channels whose topic to set; default: every channel with a topic")
                .strings(
                        "channelTopics",
                        false,
                        "<channel>=<topic> for a channel that shows another text than 'topic' (e.g. a shorter one for"
                                + " Slack's 250 characters)")
                .string("announcement", false, "a message posted after the deployment steps")
                .strings("announceChannels", false, "channels to post the announcement to")
                .string(
                        RestoreTopicStep.RESTORE_TOPIC_PARAMETER,
                        false,
                        "the topic to restore when the one before the run is unknown")
                .build()
                .params());
        if (inner != null) {
            params.addAll(inner.parameters().params());
        }
        return new ParameterSpec(params);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Production deployment: set chat topics, run the deployment"
                + (inner == null ? "" : " (" + inner.kind() + ")") + ", announce, restore the topics";
    }

    @Override
    public ParameterSpec parameters() {
        return parameters;
    }

    @Override
    public List<Step> steps(RunParameters p) {
        Topic topic = Topic.of(p.string("topic"));
        if (topic.isEmpty() || topic.text().isBlank()) {
            throw new InvalidInputException("parameter 'topic' must not be blank");
        }
        List<Notifier> topicChannels = topicChannels(p);
        Map<String, Topic> topics = topics(p, topic, topicChannels);
        List<Step> steps = new ArrayList<>();
        topicChannels.forEach(n -> steps.add(new SetTopicStep(n, topics.get(n.name()))));
        if (inner != null) {
            steps.addAll(inner.steps(p));
        }
        announcement(p).ifPresent(m -> notifiers
                .resolve(p.strings("announceChannels"))
                .forEach(n -> steps.add(new PostMessageStep(n, m))));
        // only a run that has such a step gets the notices (a run without them keeps its list of steps)
        if (steps.stream().anyMatch(s -> keepNoticeAfter.contains(s.name()))) {
            topicChannels.forEach(n -> steps.add(new FailureNoticeStep(n, keepNoticeAfter)));
        }
        topicChannels.forEach(n -> steps.add(new RestoreTopicStep(n, keepNoticeAfter)));
        return steps;
    }

    @Override
    public ApprovalPolicy approvalPolicy(RunParameters p) {
        return inner == null ? ApprovalPolicy.none() : inner.approvalPolicy(p);
    }

    private List<Notifier> topicChannels(RunParameters p) {
        if (!p.has("topicChannels")) {
            List<Notifier> all = notifiers.withTopics();
            if (all.isEmpty()) {
                throw new InvalidInputException("no configured channel has a topic (types slack and matrix do); "
                        + "configured: " + notifiers.names());
            }
            return all;
        }
        List<Notifier> chosen = notifiers.resolve(p.strings("topicChannels"));
        for (Notifier n : chosen) {
            if (!n.supportsTopic()) {
                throw new InvalidInputException("channel '" + n.name() + "' (type " + n.type()
                        + ") has no topic; parameter 'topicChannels' may name channels of types slack and matrix");
            }
        }
        return chosen;
    }

    /**
     * The topic per channel: {@code channelTopics} where given, else {@code topic}; each within its channel's limit, so
     * that a topic Slack would refuse stops the run (and its preflight) before anything is written.
     */
    private static Map<String, Topic> topics(RunParameters p, Topic topic, List<Notifier> channels) {
        Map<String, Topic> chosen = new LinkedHashMap<>();
        for (String entry : p.strings("channelTopics")) {
            int eq = entry.indexOf('=');
            String channel = eq < 0 ? entry : entry.substring(0, eq);
            if (eq <= 0 || channels.stream().noneMatch(n -> n.name().equals(channel))) {
                throw new InvalidInputException("parameter 'channelTopics' takes <channel>=<topic> for a channel whose"
                        + " topic the run sets "
                        + channels.stream().map(Notifier::name).toList() + ", was '"
                        + (entry.length() > 64 ? entry.substring(0, 64) + "..." : entry) + "'");
            }
            Topic t = Topic.of(entry.substring(eq + 1));
            if (t.text().isBlank() || chosen.put(channel, t) != null) {
                throw new InvalidInputException(
                        "parameter 'channelTopics' gives channel '" + channel + "' a blank topic or two topics");
            }
        }
        for (Notifier n : channels) {
            Topic t = chosen.computeIfAbsent(n.name(), k -> topic);
            int length = t.text().codePointCount(0, t.text().length());
            if (n.topicLimit().isPresent() && length > n.topicLimit().getAsInt()) {
                throw new InvalidInputException("the topic for channel '" + n.name() + "' (" + n.type() + ") is "
                        + length + " characters long; it accepts at most "
                        + n.topicLimit().getAsInt()
                        + " (give it a shorter one with parameter 'channelTopics': [\"" + n.name() + "=...\"])");
            }
        }
        return chosen;
    }

    private static Optional<Message> announcement(RunParameters p) {
        Optional<String> text = p.optionalString("announcement");
        if (text.isEmpty()) {
            if (!p.strings("announceChannels").isEmpty()) {
                throw new InvalidInputException("parameter 'announceChannels' needs parameter 'announcement'");
            }
            return Optional.empty();
        }
        if (p.strings("announceChannels").isEmpty()) {
            throw new InvalidInputException("parameter 'announcement' needs parameter 'announceChannels'");
        }
        return Optional.of(Message.of(text.get()));
    }
}
