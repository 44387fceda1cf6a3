package io.releasekit.git.internal;

import static io.releasekit.git.internal.Revisions.id;

import io.releasekit.core.ConflictException;
import io.releasekit.core.scm.TagCommand;
import io.releasekit.core.scm.TagOutcome;
import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

/** {@link TagCommand} on JGit. */
public final class JGitTagCommand extends TagCommand {

    private final GitContext ctx;

    /**
     * @param ctx the repository
     * @param tag the tag name
     */
    public JGitTagCommand(GitContext ctx, String tag) {
        super(tag);
        this.ctx = ctx;
    }

    @Override
    protected TagOutcome execute() {
        return ctx.write("tag '" + tag() + "' in repository '" + ctx.name() + "'", this::run);
    }

    private TagOutcome run() throws IOException {
        Repository repo = ctx.repository();
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit target = Revisions.commit(ctx, walk, target());
            Ref existing = repo.exactRef(tag().ref());
            if (existing != null) {
                RevObject peeled = walk.peel(walk.parseAny(existing.getObjectId()));
                boolean annotated = !existing.getObjectId().equals(peeled);
                if (peeled.equals(target) && !annotated && message().isPresent()) {
                    // an annotated tag (a message, a tagger) was asked for: a lightweight tag is not it, and a tag is
                    // never replaced. The reverse is fine: any tag at the commit is what a lightweight tag asks for.
                    throw new ConflictException("tag '" + tag() + "' already exists at "
                            + peeled.abbreviate(12).name() + " as a lightweight tag, but an annotated tag was asked"
                            + " for, in repository '" + ctx.name() + "'; a tag is never replaced");
                }
                if (peeled.equals(target)) {
                    return new TagOutcome.AlreadyExists(tag(), id(target), annotated);
                }
                throw new ConflictException("tag '" + tag() + "' already points at "
                        + peeled.abbreviate(12).name()
                        + ", not at " + target.abbreviate(12).name() + " ('" + target() + "') in repository '"
                        + ctx.name() + "'; a tag is never moved");
            }
            boolean annotated = message().isPresent();
            if (isDryRun()) {
                return new TagOutcome.Created(tag(), id(target), annotated);
            }
            ObjectId newId = annotated ? writeTagObject(repo, target) : target;
            RefWriter.update(ctx, tag().ref(), ObjectId.zeroId(), newId, "tag " + tag());
            return new TagOutcome.Created(tag(), id(target), annotated);
        }
    }

    private ObjectId writeTagObject(Repository repo, RevCommit target) throws IOException {
        TagBuilder tag = new TagBuilder();
        tag.setTag(tag().value());
        tag.setObjectId(target);
        tag.setTagger(ctx.ident());
        String text = message().orElseThrow();
        tag.setMessage(text.endsWith("\n") ? text : text + "\n");
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            ObjectId id = inserter.insert(tag);
            inserter.flush();
            return id;
        }
    }
}
