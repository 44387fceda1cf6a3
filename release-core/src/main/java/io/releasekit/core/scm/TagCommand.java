package io.releasekit.core.scm;

import java.util.Optional;

/**
 * Creates a tag: {@code repo.tag("v1.2.0").annotated("Release 1.2.0").at("main").call()}. A tag is never moved: the
 * same tag already at the same commit answers {@link TagOutcome.AlreadyExists}; at another commit the command throws
 * {@link io.releasekit.core.ConflictException}.
 */
public abstract class TagCommand extends ScmWriteCommand<TagOutcome, TagCommand> {

    private final TagName tag;
    private String target = "HEAD";
    private String message;

    /**
     * @param tag the tag name, validated at once
     */
    protected TagCommand(String tag) {
        this.tag = TagName.of(tag);
    }

    /** Makes an annotated tag with this message (a lightweight tag otherwise). */
    public TagCommand annotated(String message) {
        this.message = ScmArguments.message("tag message", message);
        return this;
    }

    /** The commit to tag, as a revision (branch, tag, commit id); {@code HEAD} by default. */
    public TagCommand at(String revision) {
        this.target = ScmArguments.revision("tag target", revision);
        return this;
    }

    /** The tag to create. */
    protected TagName tag() {
        return tag;
    }

    /** The revision to tag. */
    protected String target() {
        return target;
    }

    /** The message of an annotated tag; empty for a lightweight tag. */
    protected Optional<String> message() {
        return Optional.ofNullable(message);
    }
}
