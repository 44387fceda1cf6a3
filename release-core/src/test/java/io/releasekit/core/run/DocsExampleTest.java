package io.releasekit.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.service.GuardConfig;
import io.releasekit.core.service.ServiceGuards;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The example of docs/runs.md, compiled and run, so the page cannot drift from the API. */
class DocsExampleTest {

    /** Your own client of a chat service; any port works the same way. */
    interface ChatClient {
        String post(String room, String text, String transactionId); // returns the message id
    }

    static final class AnnounceRelease implements ProcessDefinition {
        private final ChatClient chat;

        AnnounceRelease(ChatClient chat) {
            this.chat = chat;
        }

        @Override
        public String kind() {
            return "release.announce";
        }

        @Override
        public String description() {
            return "Tag a commit and announce the release in chat";
        }

        @Override
        public ParameterSpec parameters() {
            return ParameterSpec.builder()
                    .string("commit", true, "commit to tag")
                    .string("tag", true, "tag name, e.g. v1.4.0")
                    .build();
        }

        @Override
        public List<Step> steps(RunParameters p) {
            return List.of(new TagStep(p.string("commit"), p.string("tag")), new AnnounceStep(chat));
        }

        @Override
        public ApprovalPolicy approvalPolicy(RunParameters p) {
            return ApprovalPolicy.none();
        }
    }

    record TagStep(String commit, String tag) implements Step {
        static final Map<String, String> TAGS = new ConcurrentHashMap<>();

        @Override
        public String name() {
            return "tag";
        }

        @Override
        public StepOutcome execute(StepContext ctx) {
            if (commit.equals(TAGS.get(tag))) {
                return StepOutcome.skipped("tag " + tag + " already at " + commit, Map.of("tag", tag));
            }
            if (ctx.dryRun()) {
                ctx.plan("create tag " + tag + " at " + commit);
                return StepOutcome.succeeded("would tag", Map.of("tag", tag));
            }
            TAGS.put(tag, commit);
            return StepOutcome.succeeded("tagged " + commit, Map.of("tag", tag));
        }
    }

    static final class AnnounceStep implements Step {
        private final ChatClient chat;

        AnnounceStep(ChatClient chat) {
            this.chat = chat;
        }

        @Override
        public String name() {
            return "announce";
        }

        @Override
        public List<ServiceNeed> services() {
            return List.of(ServiceNeed.deferrable("matrix"));
        }

        @Override
        public StepOutcome execute(StepContext ctx) {
            String text = "Released " + ctx.output("tag").orElseThrow();
            if (ctx.dryRun()) {
                ctx.plan("post to #releases: " + text);
                return StepOutcome.succeeded("would announce");
            }
            String eventId = ctx.guards().call("matrix", () -> chat.post("#releases", text, ctx.idempotencyKey()));
            return StepOutcome.succeeded("announced as " + eventId, Map.of("announcement", eventId));
        }
    }

    @Test
    void theDocumentedExampleRuns() {
        List<String> posted = new CopyOnWriteArrayList<>();
        ChatClient chat = (room, text, txn) -> {
            posted.add(room + " " + text);
            return "$" + txn;
        };
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        ServiceGuards guards = ServiceGuards.builder()
                .service("matrix", GuardConfig.defaults().withMaxAttempts(2))
                .build();

        try (RunEngine engine = RunEngine.builder()
                .guards(guards)
                .define(new AnnounceRelease(chat))
                .build()) {

            Run run = engine.start(
                    RunRequest.of("release.announce", Map.of("commit", "9f2c1e7", "tag", "v1.4.0"), "alice")
                            .withIdempotencyKey("ci-build-4711"));

            try (Subscription s = engine.follow(run.id(), 0, events::add)) {
                Run done = engine.awaitEnd(run.id(), Duration.ofMinutes(10));
                assertThat(done.state()).isEqualTo(RunState.SUCCEEDED);
                assertThat(done.step("announce").orElseThrow().outputs())
                        .containsEntry("announcement", "$" + run.id() + ":announce");
            }
        } finally {
            guards.close();
        }
        assertThat(posted).containsExactly("#releases Released v1.4.0");
        assertThat(events).last().satisfies(e -> assertThat(e.data()).containsEntry("state", "SUCCEEDED"));
    }
}
