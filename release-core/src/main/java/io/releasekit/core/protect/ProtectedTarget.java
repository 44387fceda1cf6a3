package io.releasekit.core.protect;

import io.releasekit.core.InvalidInputException;

/**
 * Something a write changes, as protection rules and run plans name it: an object in a store location, a branch or a
 * tag of a configured repository. Image and chart repositories join as further cases when their ports exist.
 */
public sealed interface ProtectedTarget
        permits ProtectedTarget.StoreObject, ProtectedTarget.GitBranch, ProtectedTarget.GitTag {

    /** The target in messages and plans, e.g. {@code store releases: ferrocene/1.0/x.tar.gz}. */
    String describe();

    /**
     * One object of a configured store.
     *
     * @param store the store's configured name
     * @param key the object's key
     */
    record StoreObject(String store, String key) implements ProtectedTarget {
        public StoreObject {
            require("store", store);
            require("key", key);
        }

        @Override
        public String describe() {
            return "store " + store + ": " + key;
        }
    }

    /**
     * A branch of a configured repository (its clone and its remote).
     *
     * @param repository the repository's configured name
     * @param branch the short branch name, e.g. {@code stable}
     */
    record GitBranch(String repository, String branch) implements ProtectedTarget {
        public GitBranch {
            require("repository", repository);
            require("branch", branch);
        }

        @Override
        public String describe() {
            return "repository " + repository + ": branch " + branch;
        }
    }

    /**
     * A tag of a configured repository.
     *
     * @param repository the repository's configured name
     * @param tag the short tag name, e.g. {@code v1.2.0}
     */
    record GitTag(String repository, String tag) implements ProtectedTarget {
        public GitTag {
            require("repository", repository);
            require("tag", tag);
        }

        @Override
        public String describe() {
            return "repository " + repository + ": tag " + tag;
        }
    }

    private static void require(String what, String value) {
        if (value == null || value.isBlank() || value.indexOf('\t') >= 0 || value.indexOf('\n') >= 0) {
            throw new InvalidInputException("a protected target needs a " + what + " without tabs or line breaks, was '"
                    + io.releasekit.core.internal.Text.printable(value, 80) + "'");
        }
    }
}
