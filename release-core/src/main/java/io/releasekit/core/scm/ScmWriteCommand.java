package io.releasekit.core.scm;

/**
 * A repository command that writes: with {@link #dryRun(boolean)} it performs every read and check, answers what it
 * would do, and writes nothing (no ref, no object).
 *
 * @param <T> what the command answers
 * @param <C> the concrete command type, for chaining
 */
public abstract class ScmWriteCommand<T, C extends ScmWriteCommand<T, C>> extends ScmCommand<T, C> {

    private boolean dryRun;

    /** For subclasses. */
    protected ScmWriteCommand() {}

    /** Whether to only report what would be done. Off by default. */
    public C dryRun(boolean dryRun) {
        this.dryRun = dryRun;
        return self();
    }

    /** Whether this is a dry run. */
    protected boolean isDryRun() {
        return dryRun;
    }
}
