package io.releasekit.core.protect;

import io.releasekit.core.InvalidInputException;
import java.util.regex.Pattern;

/**
 * Which targets a protection rule covers: a store prefix, branches or tags of a repository by name or glob, image
 * repositories of a registry by path or glob, releases of a repository on a release host by tag name or glob, or chat
 * channels by name or glob ({@code *} matches within one path segment, {@code **} across segments: {@code release/*},
 * {@code stable}, {@code packit/**}).
 */
public sealed interface TargetPattern
        permits TargetPattern.StorePrefix,
                TargetPattern.Branches,
                TargetPattern.Tags,
                TargetPattern.ImageRepositories,
                TargetPattern.HostReleases,
                TargetPattern.Channels {

    /** Whether the pattern covers {@code target}. */
    boolean matches(ProtectedTarget target);

    /** The pattern in messages, e.g. {@code store releases, keys under ferrocene/}. */
    String describe();

    /**
     * Objects of one store whose keys start with a prefix (empty: the whole store).
     *
     * @param store the store's configured name
     * @param prefix the key prefix, e.g. {@code releases/}; empty for every key
     */
    record StorePrefix(String store, String prefix) implements TargetPattern {
        public StorePrefix {
            requireName("store", store);
            prefix = prefix == null ? "" : prefix;
        }

        @Override
        public boolean matches(ProtectedTarget target) {
            if (!(target instanceof ProtectedTarget.StoreObject o) || !o.store().equals(store)) {
                return false;
            }
            if (o.key().endsWith("*")) { // a planned "any key below": protected when it reaches into the prefix
                String below = o.key().substring(0, o.key().length() - 1);
                return below.startsWith(prefix) || prefix.startsWith(below);
            }
            return o.key().startsWith(prefix);
        }

        @Override
        public String describe() {
            return prefix.isEmpty() ? "store " + store : "store " + store + ", keys under '" + prefix + "'";
        }
    }

    /**
     * Branches of one repository.
     *
     * @param repository the repository's configured name
     * @param glob a branch name or glob
     */
    record Branches(String repository, String glob) implements TargetPattern {
        public Branches {
            requireName("repository", repository);
            requireName("branch pattern", glob);
        }

        @Override
        public boolean matches(ProtectedTarget target) {
            return target instanceof ProtectedTarget.GitBranch b
                    && b.repository().equals(repository)
                    && globRegex(glob).matcher(b.branch()).matches();
        }

        @Override
        public String describe() {
            return "repository " + repository + ", branch '" + glob + "'";
        }
    }

    /**
     * Tags of one repository.
     *
     * @param repository the repository's configured name
     * @param glob a tag name or glob
     */
    record Tags(String repository, String glob) implements TargetPattern {
        public Tags {
            requireName("repository", repository);
            requireName("tag pattern", glob);
        }

        @Override
        public boolean matches(ProtectedTarget target) {
            return target instanceof ProtectedTarget.GitTag t
                    && t.repository().equals(repository)
                    && globRegex(glob).matcher(t.tag()).matches();
        }

        @Override
        public String describe() {
            return "repository " + repository + ", tag '" + glob + "'";
        }
    }

    /**
     * Every tag and manifest of the image repositories of one registry whose path matches a glob.
     *
     * @param registry the registry's configured name
     * @param glob a repository path or glob, e.g. {@code packit/packit-service} or {@code packit/**}
     */
    record ImageRepositories(String registry, String glob) implements TargetPattern {
        public ImageRepositories {
            requireName("registry", registry);
            requireName("image repository pattern", glob);
        }

        @Override
        public boolean matches(ProtectedTarget target) {
            return target instanceof ProtectedTarget.Image i
                    && i.registry().equals(registry)
                    && globRegex(glob).matcher(i.repository()).matches();
        }

        @Override
        public String describe() {
            return "registry " + registry + ", image repository '" + glob + "'";
        }
    }

    /**
     * The releases of one repository on a release host whose tag matches a glob.
     *
     * @param repository the repository's configured name ({@code releasekit.github.repositories.<name>})
     * @param glob a tag name or glob, e.g. {@code release-*}; {@code **} for every release
     */
    record HostReleases(String repository, String glob) implements TargetPattern {
        public HostReleases {
            requireName("release host repository", repository);
            requireName("release tag pattern", glob);
        }

        @Override
        public boolean matches(ProtectedTarget target) {
            return target instanceof ProtectedTarget.HostRelease r
                    && r.repository().equals(repository)
                    && globRegex(glob).matcher(r.tag()).matches();
        }

        @Override
        public String describe() {
            return "release host repository " + repository + ", release tag '" + glob + "'";
        }
    }

    /**
     * Configured chat channels whose name matches a glob.
     *
     * @param glob a channel name or glob, e.g. {@code ops-slack} or {@code *}
     */
    record Channels(String glob) implements TargetPattern {
        public Channels {
            requireName("channel pattern", glob);
        }

        @Override
        public boolean matches(ProtectedTarget target) {
            return target instanceof ProtectedTarget.Channel c
                    && globRegex(glob).matcher(c.channel()).matches();
        }

        @Override
        public String describe() {
            return "channel '" + glob + "'";
        }
    }

    private static void requireName(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("a protection rule needs a " + what + ", was '" + value + "'");
        }
    }

    /** A glob as a regular expression: {@code **} any characters, {@code *} any but {@code /}. */
    private static Pattern globRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
