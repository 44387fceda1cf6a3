package io.releasekit.process.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.RecordingNotifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentProcessTest {

    private final Notifiers notifiers = new Notifiers(
            List.of(
                    RecordingNotifier.withTopic("ops-slack", "slack"),
                    RecordingNotifier.withTopic("packit-matrix", "matrix"),
                    RecordingNotifier.withoutTopic("packit-mastodon", "mastodon")),
            ServiceGuards.withDefaults());

    @Test
    void setsTopicsThenAnnouncesThenRestoresEveryTopicAlways() {
        DeploymentProcess p = new DeploymentProcess(notifiers);
        RunParameters params = p.parameters()
                .validate(Map.of(
                        "topic", "redeploying",
                        "announcement", "Packit deployed",
                        "announceChannels", List.of("packit-mastodon")));

        List<Step> steps = p.steps(params);

        assertThat(steps)
                .extracting(Step::name)
                .containsExactly(
                        "set-topic-ops-slack",
                        "set-topic-packit-matrix",
                        "notify-packit-mastodon",
                        "restore-topic-ops-slack",
                        "restore-topic-packit-matrix");
        assertThat(steps).filteredOn(Step::runsAlways).extracting(Step::name).allMatch(n -> n.startsWith("restore"));
        assertThat(steps).allSatisfy(s -> assertThat(s.services())
                .allMatch(n -> n.dependency() == io.releasekit.core.run.Dependency.DEFERRABLE));
    }

    @Test
    void runsTheInnerProcessBetweenTopicsAndAnnouncement() {
        ProcessDefinition moveStable = new ProcessDefinition() {
            @Override
            public String kind() {
                return "git.move-branch";
            }

            @Override
            public String description() {
                return "move a branch";
            }

            @Override
            public ParameterSpec parameters() {
                return ParameterSpec.builder()
                        .string("repository", true, "repo")
                        .string("branch", true, "branch")
                        .build();
            }

            @Override
            public List<Step> steps(RunParameters parameters) {
                return List.of(new Step() {
                    @Override
                    public String name() {
                        return "move-" + parameters.string("branch");
                    }

                    @Override
                    public StepOutcome execute(StepContext context) {
                        return StepOutcome.succeeded("moved");
                    }
                });
            }

            @Override
            public ApprovalPolicy approvalPolicy(RunParameters parameters) {
                return ApprovalPolicy.releaseManagers(1);
            }
        };
        DeploymentProcess p = new DeploymentProcess(notifiers, moveStable);
        RunParameters params = p.parameters()
                .validate(Map.of(
                        "topic", "redeploying",
                        "topicChannels", List.of("packit-matrix"),
                        "repository", "packit",
                        "branch", "stable"));

        assertThat(p.steps(params))
                .extracting(Step::name)
                .containsExactly("set-topic-packit-matrix", "move-stable", "restore-topic-packit-matrix");
        assertThat(p.approvalPolicy(params).required()).isEqualTo(1);
        assertThat(p.description()).contains("git.move-branch");
    }

    @Test
    void refusesATopicChannelWithoutTopic() {
        DeploymentProcess p = new DeploymentProcess(notifiers);
        RunParameters params =
                p.parameters().validate(Map.of("topic", "x", "topicChannels", List.of("packit-mastodon")));
        assertThatThrownBy(() -> p.steps(params))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'packit-mastodon'");
    }

    @Test
    void refusesAnAnnouncementWithoutChannels() {
        DeploymentProcess p = new DeploymentProcess(notifiers);
        RunParameters params = p.parameters().validate(Map.of("topic", "x", "announcement", "done"));
        assertThatThrownBy(() -> p.steps(params))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("announceChannels");
    }

    @Test
    void announceProcessHasOneDeferrableStepPerChannel() {
        AnnounceProcess p = new AnnounceProcess(notifiers);
        RunParameters params =
                p.parameters().validate(Map.of("channels", List.of("ops-slack", "packit-mastodon"), "text", "hello"));

        assertThat(p.steps(params))
                .extracting(Step::name)
                .containsExactly("notify-ops-slack", "notify-packit-mastodon");
        assertThat(p.kind()).isEqualTo("notify.announce");
    }
}
