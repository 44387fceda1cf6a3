package io.releasekit.process.git;

import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.scm.TagName;
import io.releasekit.core.scm.TagOutcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code git.tag}: tag a commit (seed 002: the versioned release from the merge commit on main) and push the tag.
 * Steps: {@code fetch}, {@code create-tag} (a tag already at that commit: skipped; at another: conflict), {@code
 * push-tag}.
 */
public final class TagProcess extends GitProcess {

    /** The kind. */
    public static final String KIND = "git.tag";

    /**
     * @param repositories the configured repositories
     */
    public TagProcess(SourceRepositories repositories) {
        super(repositories);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Create a tag (annotated when a message is given) at a commit and push it; never moves a tag";
    }

    @Override
    public ParameterSpec parameters() {
        return commonParameters()
                .string("tag", true, "the tag to create, e.g. v1.2.0")
                .string("target", true, "the revision to tag, e.g. main or a commit id")
                .string("message", false, "message of an annotated tag; lightweight tag when absent")
                .build();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        SourceRepository repo = repository(p);
        TagName tag = TagName.of(p.string("tag"));
        String target = p.string("target");
        Optional<String> message = p.optionalString("message");
        repo.tag(tag.value()).at(target); // checks the target's name now, before any step runs
        Step create = Step.of("create-tag", List.of(), true, ctx -> {
            var command = repo.tag(tag.value()).at(target).dryRun(ctx.dryRun());
            message.ifPresent(command::annotated);
            TagOutcome outcome = command.call();
            Map<String, String> out =
                    outputs("tag", tag.value(), "commit", outcome.commit().value());
            if (outcome instanceof TagOutcome.AlreadyExists) {
                return StepOutcome.skipped(
                        "tag " + tag + " already at " + outcome.commit().abbreviated(), out);
            }
            if (ctx.dryRun()) {
                ctx.plan("create tag " + tag + " at " + outcome.commit());
            }
            return StepOutcome.succeeded(
                    (ctx.dryRun() ? "would create" : "created") + " tag " + tag + " at "
                            + outcome.commit().abbreviated(),
                    out);
        });
        return withRemote(
                repo,
                remote(repo, p),
                List.of(create),
                r -> push(repo, r, "push-tag", List.of(tag.ref()), false, Map.of(tag.ref(), "commit")));
    }
}
