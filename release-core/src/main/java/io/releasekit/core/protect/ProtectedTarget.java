package io.releasekit.core.protect;

import io.releasekit.core.InvalidInputException;

/**
 * Something a write changes, as protection rules and run plans name it: an object in a store location, a branch or a
 * tag of a configured repository, a tag or manifest of an image repository in a configured registry, a release of a
 * configured repository on a release host (GitHub), a pull request (by its branch) of such a repository, a configured
 * chat channel.
 */
public sealed interface ProtectedTarget
        permits ProtectedTarget.StoreObject,
                ProtectedTarget.GitBranch,
                ProtectedTarget.GitTag,
                ProtectedTarget.Image,
                ProtectedTarget.HostRelease,
                ProtectedTarget.HostPullRequest,
                ProtectedTarget.Channel {

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

    /**
     * A tag or a manifest (by digest) of an image repository in a configured registry.
     *
     * @param registry the registry's configured name, e.g. {@code quay}
     * @param repository the repository path, e.g. {@code packit/packit-service}
     * @param reference a tag ({@code stable}) or a digest ({@code sha256:...})
     */
    record Image(String registry, String repository, String reference) implements ProtectedTarget {
        public Image {
            require("registry", registry);
            require("image repository", repository);
            require("image reference", reference);
            if (repository.indexOf(':') >= 0 || repository.indexOf('@') >= 0) {
                throw new InvalidInputException("an image repository has no ':' or '@', was '"
                        + io.releasekit.core.internal.Text.printable(repository, 80) + "'");
            }
        }

        /** The repository and reference as a reference names them: {@code repo:tag} or {@code repo@sha256:...}. */
        public String path() {
            return repository + (reference.indexOf(':') >= 0 ? "@" : ":") + reference;
        }

        /**
         * Reads {@link #path()}.
         *
         * @throws InvalidInputException when {@code path} names no reference
         */
        static Image of(String registry, String path) {
            int at = path.indexOf('@');
            int cut = at >= 0 ? at : path.lastIndexOf(':');
            if (cut <= 0 || cut == path.length() - 1) {
                throw new InvalidInputException("not an image path 'repository:tag' or 'repository@digest': '"
                        + io.releasekit.core.internal.Text.printable(path, 80) + "'");
            }
            return new Image(registry, path.substring(0, cut), path.substring(cut + 1));
        }

        @Override
        public String describe() {
            return "registry " + registry + ": " + path();
        }
    }

    /**
     * The release of a tag in a repository on a release host (GitHub): its creation, notes, assets, publication and
     * deletion.
     *
     * @param repository the repository's configured name ({@code releasekit.github.repositories.<name>})
     * @param tag the release's tag, e.g. {@code release-0.1.2}
     */
    record HostRelease(String repository, String tag) implements ProtectedTarget {
        public HostRelease {
            require("release host repository", repository);
            require("release tag", tag);
        }

        /** {@code repository@tag}. */
        public String path() {
            return repository + "@" + tag;
        }

        @Override
        public String describe() {
            return "release " + path();
        }
    }

    /**
     * The pull request of a branch in a repository on a release host (GitHub): the branch created for it, the file put
     * on it and the pull request opened ({@link WriteOperation#CREATE}).
     *
     * @param repository the repository's configured name ({@code releasekit.github.repositories.<name>})
     * @param branch the pull request's head branch, e.g. {@code blog/packit-in-november-2026}
     */
    record HostPullRequest(String repository, String branch) implements ProtectedTarget {
        public HostPullRequest {
            require("release host repository", repository);
            require("pull request branch", branch);
        }

        /** {@code repository@branch}. */
        public String path() {
            return repository + "@" + branch;
        }

        @Override
        public String describe() {
            return "pull-request " + path();
        }
    }

    /**
     * A configured chat channel, room, account or webhook: what is posted to it and its topic.
     *
     * @param channel the channel's configured name, e.g. {@code ops-slack}
     */
    record Channel(String channel) implements ProtectedTarget {
        public Channel {
            require("channel", channel);
        }

        @Override
        public String describe() {
            return "channel " + channel;
        }
    }

    private static void require(String what, String value) {
        if (value == null || value.isBlank() || value.indexOf('\t') >= 0 || value.indexOf('\n') >= 0) {
            throw new InvalidInputException("a protected target needs a " + what + " without tabs or line breaks, was '"
                    + io.releasekit.core.internal.Text.printable(value, 80) + "'");
        }
    }
}
