package io.releasekit.process.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.core.notify.Delivery;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.PostSplitter;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.RecordingNotifier;
import io.releasekit.core.testkit.TestStepContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostMessageStepTest {

    @Test
    void postsOnceAndAReplayOfTheSameStepIsSkippedWithTheSameIds() throws Exception {
        RecordingNotifier slack = RecordingNotifier.withTopic("ops-slack", "slack");
        PostMessageStep step = new PostMessageStep(slack, Message.of("Deployed 1.4.0"));
        TestStepContext ctx = ctx(false).forStep(step.name());

        StepOutcome first = step.execute(ctx);
        StepOutcome replay = step.execute(ctx);

        assertThat(first).isInstanceOf(StepOutcome.Succeeded.class);
        assertThat(replay).isInstanceOf(StepOutcome.Skipped.class);
        assertThat(replay.outputs()).isEqualTo(first.outputs()).containsEntry("notify.ops-slack.ids", "ops-slack-1");
        assertThat(slack.posted()).hasSize(1);
    }

    @Test
    void dryRunPlansEveryPostOfAMastodonThreadAndPostsNothing() throws Exception {
        ThreadingNotifier mastodon = new ThreadingNotifier();
        PostMessageStep step = new PostMessageStep(mastodon, Message.of("word ".repeat(250)));
        TestStepContext ctx = ctx(true);

        step.execute(ctx);

        assertThat(ctx.plans()).hasSize(3);
        assertThat(ctx.plans().get(0)).startsWith("post 1/3 to channel 'toots' (mastodon): word word");
        assertThat(mastodon.delegate.posted()).isEmpty();
    }

    @Test
    void declaresItsServiceDeferrable() {
        PostMessageStep step = new PostMessageStep(RecordingNotifier.withTopic("m", "matrix"), Message.of("x"));
        assertThat(step.services()).containsExactly(ServiceNeed.deferrable("matrix"));
        assertThat(step.name()).isEqualTo("notify-m");
    }

    private static TestStepContext ctx(boolean dryRun) {
        return new TestStepContext(RunParameters.empty(), dryRun, ServiceGuards.withDefaults());
    }

    /** Renders like the Mastodon adapter: a thread of posts within 500 characters. */
    private static final class ThreadingNotifier implements io.releasekit.core.notify.Notifier {
        private final RecordingNotifier delegate = RecordingNotifier.withoutTopic("toots", "mastodon");

        @Override
        public String name() {
            return "toots";
        }

        @Override
        public String type() {
            return "mastodon";
        }

        @Override
        public String service() {
            return "mastodon";
        }

        @Override
        public Delivery post(Message message, String idempotencyKey) {
            return delegate.post(message, idempotencyKey);
        }

        @Override
        public List<String> render(Message message) {
            return PostSplitter.mastodon().split(message.text());
        }
    }
}
