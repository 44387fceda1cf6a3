package io.releasekit.process.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.ConflictException;
import io.releasekit.core.notify.Topic;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.RecordingNotifier;
import io.releasekit.core.testkit.TestStepContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicStepsTest {

    private static final Topic DEPLOYING = Topic.of("⚠️ Production redeployment in progress ⚠️");

    private final RecordingNotifier slack =
            RecordingNotifier.withTopic("ops-slack", "slack").topicIs("Packit chat");

    @Test
    void setTopicKeepsThePreviousTopicInItsOutputs() throws Exception {
        StepOutcome out = new SetTopicStep(slack, DEPLOYING).execute(ctx(Map.of()));

        assertThat(out).isInstanceOf(StepOutcome.Succeeded.class);
        assertThat(out.outputs())
                .containsEntry("topic.ops-slack.previous", "Packit chat")
                .containsEntry("topic.ops-slack.set", DEPLOYING.text());
        assertThat(slack.topic()).isEqualTo(DEPLOYING);
    }

    @Test
    void restoreTopicPutsBackExactlyThePreviousTopicFromTheSetStepsOutputs() throws Exception {
        StepOutcome set = new SetTopicStep(slack, DEPLOYING).execute(ctx(Map.of()));

        StepOutcome restored = new RestoreTopicStep(slack).execute(ctx(Map.of()).withOutputs(set.outputs()));

        assertThat(restored).isInstanceOf(StepOutcome.Succeeded.class);
        assertThat(slack.topic().text()).isEqualTo("Packit chat");
        assertThat(slack.topicWrites()).containsExactly(DEPLOYING, Topic.of("Packit chat"));
        assertThat(new RestoreTopicStep(slack).runsAlways()).isTrue();
    }

    @Test
    void restoreTopicRestoresAnEmptyPreviousTopic() throws Exception {
        slack.topicIs("");
        StepOutcome set = new SetTopicStep(slack, DEPLOYING).execute(ctx(Map.of()));

        new RestoreTopicStep(slack).execute(ctx(Map.of()).withOutputs(set.outputs()));

        assertThat(slack.topic()).isEqualTo(Topic.none());
    }

    @Test
    void restoreLeavesATopicSomeoneChangedDuringTheRun() throws Exception {
        StepOutcome set = new SetTopicStep(slack, DEPLOYING).execute(ctx(Map.of()));
        slack.topicIs("Incident: builds are slow");

        StepOutcome restored = new RestoreTopicStep(slack).execute(ctx(Map.of()).withOutputs(set.outputs()));

        assertThat(restored).isInstanceOf(StepOutcome.Skipped.class);
        assertThat(restored.summary()).contains("changed").contains("Incident");
        assertThat(slack.topic().text()).isEqualTo("Incident: builds are slow");
    }

    @Test
    void restoreDoesNothingWhenTheSetStepNeverRan() throws Exception {
        StepOutcome restored = new RestoreTopicStep(slack).execute(ctx(Map.of()));

        assertThat(restored).isInstanceOf(StepOutcome.Skipped.class);
        assertThat(slack.topicWrites()).isEmpty();
    }

    @Test
    void aDeferredSetStepReplayedAfterTheRunNeverPutsTheBannerUp() throws Exception {
        StepOutcome late =
                new SetTopicStep(slack, DEPLOYING).execute(ctx(Map.of()).replaying());

        assertThat(late).isInstanceOf(StepOutcome.Skipped.class);
        assertThat(late.summary()).contains("run is over");
        assertThat(slack.topicWrites()).isEmpty();
        assertThat(slack.topic().text()).isEqualTo("Packit chat");
    }

    @Test
    void aResumedSetStepFindsItsTopicInPlaceAndTheRestoreUsesTheFallbackParameter() throws Exception {
        slack.topicIs(DEPLOYING.text()); // the first attempt set it, then the runner died before recording

        StepOutcome resumed = new SetTopicStep(slack, DEPLOYING).execute(ctx(Map.of()));
        assertThat(resumed).isInstanceOf(StepOutcome.Skipped.class);
        assertThat(resumed.outputs()).containsEntry("topic.ops-slack.alreadySet", "true");
        assertThat(slack.topicWrites()).isEmpty();

        new RestoreTopicStep(slack)
                .execute(ctx(Map.of("restoreTopic", "Packit chat")).withOutputs(resumed.outputs()));
        assertThat(slack.topic().text()).isEqualTo("Packit chat");
    }

    @Test
    void restoreRefusesToGuessAnUnknownPreviousTopic() throws Exception {
        slack.topicIs(DEPLOYING.text());
        StepOutcome replay = new SetTopicStep(slack, DEPLOYING).execute(ctx(Map.of()));

        assertThatThrownBy(
                        () -> new RestoreTopicStep(slack).execute(ctx(Map.of()).withOutputs(replay.outputs())))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("'ops-slack'")
                .hasMessageContaining("restoreTopic");
    }

    @Test
    void dryRunReadsTheTopicAndPlansBothChangesWithoutWriting() throws Exception {
        TestStepContext dry = new TestStepContext(RunParameters.empty(), true, ServiceGuards.withDefaults());

        StepOutcome set = new SetTopicStep(slack, DEPLOYING).execute(dry);
        new RestoreTopicStep(slack).execute(dry.withOutputs(set.outputs()));

        assertThat(slack.topicWrites()).isEmpty();
        assertThat(dry.plans())
                .containsExactly(
                        "set topic of channel 'ops-slack' to '" + DEPLOYING.text() + "' (now 'Packit chat')",
                        "restore topic of channel 'ops-slack' to 'Packit chat'");
    }

    @Test
    void topicStepsAreDeferrableOnTheChannelsService() {
        assertThat(new SetTopicStep(slack, DEPLOYING).services())
                .containsExactly(io.releasekit.core.run.ServiceNeed.deferrable("slack"));
        assertThat(new RestoreTopicStep(slack).services())
                .containsExactly(io.releasekit.core.run.ServiceNeed.deferrable("slack"));
    }

    private static TestStepContext ctx(Map<String, ?> params) {
        return new TestStepContext(RunParameters.of(params), false, ServiceGuards.withDefaults());
    }
}
