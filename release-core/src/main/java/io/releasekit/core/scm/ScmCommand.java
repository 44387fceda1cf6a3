package io.releasekit.core.scm;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A single-use repository command, handed out by {@link SourceRepository} (like JGit's {@code GitCommand}): the
 * required arguments go into the factory method, optional ones are chained, {@link #call()} runs it once. Every
 * argument is checked when it is set, so a bad ref name fails before anything is read or written.
 *
 * @param <T> what the command answers
 * @param <C> the concrete command type, for chaining
 */
public abstract class ScmCommand<T, C extends ScmCommand<T, C>> {

    private final AtomicBoolean called = new AtomicBoolean();

    /** For subclasses. */
    protected ScmCommand() {}

    /**
     * Runs the command.
     *
     * @throws IllegalStateException when the command was already called
     * @throws io.releasekit.core.ReleaseException when the command fails; expected outcomes are results, not errors
     */
    public final T call() {
        if (!called.compareAndSet(false, true)) {
            throw new IllegalStateException(getClass().getSimpleName() + " can be called only once");
        }
        validate();
        return execute();
    }

    /** Checks that the arguments fit together; runs before {@link #execute()}. */
    protected void validate() {}

    /** Does the work; implemented by the adapter. */
    protected abstract T execute();

    /** This command, typed for chaining. */
    @SuppressWarnings("unchecked")
    protected final C self() {
        return (C) this;
    }
}
