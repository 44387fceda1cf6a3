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
 * Steps: {@code fetch}, {@code resolve-target} (the target resolved to a commit once, recorded as the output {@code
 * target-commit}), {@code create-tag} (at that recorded commit: a tag already there is skipped, at another commit is a
 * conflict), {@code push-tag}. Repeating {@code create-tag} in the same run (a resumed or retried run) tags the commit
 * recorded by its first resolution even when a branch named as target moved since; a fresh run resolves the target
 * anew, so a tag made at the branch's old commit conflicts with it rather than being moved.
 */
public final class TagProcess extends GitProcess {

    /** The kind. */
    public static final String KIND = "git.tag";

    /** The output of {@code resolve-target}: the full id of the commit the tag is made at. */
    public static final String TARGET_COMMIT = "target-commit";

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
        Step resolve = Step.of("resolve-target", List.of(), false, ctx -> {
            String commit = repo.resolve(target).value();
            return StepOutcome.succeeded(
                    target + " is " + commit.substring(0, Math.min(12, commit.length())),
                    outputs(TARGET_COMMIT, commit));
        });
        Step create = Step.of("create-tag", List.of(), true, ctx -> {
            // the commit recorded by resolve-target: a repeated create-tag never follows a branch that moved since
            String at = ctx.output(TARGET_COMMIT).orElse(target);
            var command = repo.tag(tag.value()).at(at).dryRun(ctx.dryRun());
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
                List.of(resolve, create),
                r -> push(repo, r, "push-tag", List.of(tag.ref()), false, Map.of(tag.ref(), "commit")));
    }
}
