package io.releasekit.process.image;

import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.image.ImageDigest;
import io.releasekit.core.image.ImageRegistries;
import io.releasekit.core.image.ImageRegistry;
import io.releasekit.core.image.ImageRepositories;
import io.releasekit.core.image.TagExpectation;
import io.releasekit.core.image.TagWaitOutcome;
import io.releasekit.core.image.TagWaiter;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code image.wait} (seed 004: "make sure the images from the stable branches are built and pushed to Quay.io"):
 * one step, {@code wait-image}, that polls a registry until a tag exists — at a digest, or built from a git commit
 * (label {@code org.opencontainers.image.revision}) — and fails when the time limit passes first.
 */
public final class ImageWaitProcess implements ProcessDefinition {

    /** The kind. */
    public static final String KIND = "image.wait";

    private final ImageRegistries registries;
    private final TagWaiter waiter;

    /**
     * @param registries the configured registries
     * @param waiter polls with its clock and sleeper
     */
    public ImageWaitProcess(ImageRegistries registries, TagWaiter waiter) {
        this.registries = registries;
        this.waiter = waiter;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Wait until an image tag exists, optionally at a digest or built from a git commit (seed 004)";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.builder()
                .string("registry", true, "configured registry")
                .string("repository", true, "repository, e.g. packit/packit-service")
                .string("tag", true, "tag, e.g. stable")
                .string("revision", false, "git commit the image must be built from (its revision label)")
                .string("digest", false, "digest the tag must name")
                .integer("timeoutSeconds", false, "how long to wait (default 3600)")
                .integer("intervalSeconds", false, "pause between reads (default 30)")
                .build();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        ImageRegistry r = registries.get(p.string("registry"));
        if (p.has("revision") && p.has("digest")) {
            throw new InvalidInputException("give 'revision' or 'digest', not both");
        }
        TagExpectation e = p.optionalString("digest")
                .map(d -> TagExpectation.digest(ImageDigest.of(d)))
                .or(() -> p.optionalString("revision").map(TagExpectation::revision))
                .orElse(TagExpectation.exists());
        return List.of(step(
                "wait-image",
                waiter,
                r,
                p.string("repository"),
                p.string("tag"),
                ctx -> e,
                Duration.ofSeconds(p.integer("timeoutSeconds", 3600)),
                Duration.ofSeconds(p.integer("intervalSeconds", 30))));
    }

    /**
     * A step waiting for a tag; the expectation is decided when the step runs (e.g. from the commit an earlier step
     * pushed). Used by {@code packit.deployment}.
     */
    public static Step step(
            String name,
            TagWaiter waiter,
            ImageRegistry registry,
            String repository,
            String tag,
            Function<StepContext, TagExpectation> expectation,
            Duration timeout,
            Duration interval) {
        ImageRepositories.check(repository);
        ImageRepositories.checkTag(tag);
        return new WaitStep(name, waiter, registry, repository, tag, expectation, timeout, interval);
    }

    private record WaitStep(
            String name,
            TagWaiter waiter,
            ImageRegistry registry,
            String repository,
            String tag,
            Function<StepContext, TagExpectation> expectation,
            Duration timeout,
            Duration interval)
            implements Step {

        @Override
        public List<ServiceNeed> services() {
            return List.of(ServiceNeed.strict(registry.service()));
        }

        @Override
        public boolean writes() {
            return false;
        }

        @Override
        public StepOutcome execute(StepContext ctx) throws InterruptedException {
            TagExpectation e = expectation.apply(ctx);
            String what = registry.name() + "/" + repository + ":" + tag + " " + e;
            if (ctx.dryRun()) {
                Optional<ImageDigest> now = registry.resolve(repository, tag);
                return StepOutcome.succeeded("would wait up to " + timeout.toMinutes() + " min for " + what
                        + now.map(d -> " (now at " + d + ")").orElse(" (tag absent now)"));
            }
            TagWaitOutcome o = waiter.await(registry, repository, tag, e, timeout, interval);
            if (o instanceof TagWaitOutcome.Found f) {
                return StepOutcome.succeeded(
                        what + ": found " + f.digest() + " after " + f.polls() + " read(s)",
                        Map.of("digest", f.digest().value()));
            }
            TagWaitOutcome.TimedOut t = (TagWaitOutcome.TimedOut) o;
            throw new ConflictException("waited " + t.waited().toSeconds() + " s for " + what + ": " + t.reason() + " ("
                    + t.polls() + " read(s))");
        }
    }
}
