package io.releasekit.git.internal;

import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.ReleaseException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.git.GitRepositorySettings;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.CheckoutConflictException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.LockFailedException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.RefUpdate;

/**
 * The one place where JGit's exceptions and ref-update results become releasekit's exceptions. Messages never carry a
 * remote URL's user info.
 */
public final class GitErrors {

    private GitErrors() {}

    /** An action on a repository that may fail with JGit's checked exceptions. */
    @FunctionalInterface
    public interface GitAction<T> {
        /** Performs the action. */
        T run() throws Exception;
    }

    /**
     * Runs an action and translates whatever it throws.
     *
     * @param what what is being done, for messages ({@code "tag v1.2.0 in repository 'charts'"})
     * @param service the guard name of the remote involved ({@code git:origin}), or {@code null} for local work
     */
    public static <T> T translating(String what, String service, GitAction<T> action) {
        try {
            return action.run();
        } catch (Exception e) {
            throw translate(what, service, e);
        }
    }

    /**
     * The releasekit exception for a failure of {@code what}. A runtime exception that is not JGit's (a programming
     * error) is answered unchanged.
     */
    public static RuntimeException translate(String what, String service, Throwable e) {
        if (e instanceof ReleaseException r) {
            return r;
        }
        String detail = GitRepositorySettings.redact(String.valueOf(e.getMessage()));
        if (e instanceof JGitInternalException && e.getCause() != null && e.getCause() != e) {
            return translate(what, service, e.getCause());
        }
        if (e instanceof RepositoryNotFoundException || e instanceof InvalidRemoteException) {
            return new NotFoundException(what + ": " + detail, e);
        }
        if (e instanceof NoRemoteRepositoryException) {
            return new NotFoundException(what + ": the remote has no such repository", e);
        }
        if (e instanceof MissingObjectException m) {
            return new NotFoundException(what + ": object " + m.getObjectId().name() + " does not exist", e);
        }
        if (e instanceof AmbiguousObjectException) {
            return new InvalidInputException(what + ": the abbreviated id is ambiguous; give more digits", e);
        }
        if (e instanceof IncorrectObjectTypeException || e instanceof RevisionSyntaxException) {
            return new InvalidInputException(what + ": " + detail, e);
        }
        if (e instanceof LockFailedException || e instanceof CheckoutConflictException) {
            return new ConflictException(what + ": " + detail, e);
        }
        if (e instanceof org.eclipse.jgit.api.errors.CheckoutConflictException) {
            return new ConflictException(what + ": the working tree has local changes: " + detail, e);
        }
        if (service != null
                && (e instanceof TransportException
                        || e instanceof org.eclipse.jgit.api.errors.TransportException
                        || e instanceof java.io.IOException)) {
            return new ServiceUnavailableException(service, what + ": remote failed: " + detail, e);
        }
        if (e instanceof java.io.IOException || e instanceof GitAPIException || e instanceof JGitInternalException) {
            return new ServiceUnavailableException("git", what + ": repository access failed: " + detail, e);
        }
        if (e instanceof RuntimeException re) {
            return re;
        }
        return new ServiceUnavailableException("git", what + ": " + detail, e);
    }

    /**
     * Checks the result of a ref update.
     *
     * @throws ConflictException when the ref was locked, moved concurrently or refused
     * @throws NotFoundException when the new object is missing
     */
    public static void checkRefUpdate(RefUpdate.Result result, String ref) {
        switch (result) {
            case NEW, FORCED, FAST_FORWARD, NO_CHANGE, RENAMED -> {
                // the ref has the new value
            }
            case LOCK_FAILURE ->
                throw new ConflictException(
                        ref + " was locked or moved by someone else while it was being updated; nothing was changed");
            case REJECTED, REJECTED_CURRENT_BRANCH, REJECTED_OTHER_REASON ->
                throw new ConflictException("the update of " + ref + " was refused (" + result + ")");
            case REJECTED_MISSING_OBJECT ->
                throw new NotFoundException("the update of " + ref + " names an object that does not exist");
            case IO_FAILURE -> throw new ServiceUnavailableException("git", "writing " + ref + " failed on disk");
            case NOT_ATTEMPTED -> throw new IllegalStateException("the update of " + ref + " was not attempted");
        }
    }
}
