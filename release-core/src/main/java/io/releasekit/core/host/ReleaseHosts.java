package io.releasekit.core.host;

import io.releasekit.core.NotFoundException;
import io.releasekit.core.version.TagScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The configured repositories on release hosts, by name ({@code cfn-registry}, {@code packit-service}), each with the
 * tag scheme its releases follow. Requests name a repository; they never carry an owner, a URL or a token.
 */
public final class ReleaseHosts {

    private final Map<String, Entry> entries;

    private ReleaseHosts(Map<String, Entry> entries) {
        this.entries = Map.copyOf(entries);
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The repository with this name.
     *
     * @throws NotFoundException naming the configured repositories when there is none by that name
     */
    public ReleaseHost get(String name) {
        return entry(name).host();
    }

    /** The tag scheme of a configured repository. */
    public TagScheme tagScheme(String name) {
        return entry(name).tagScheme();
    }

    /** The configured names, sorted. */
    public Set<String> names() {
        return new TreeMap<>(entries).keySet();
    }

    private Entry entry(String name) {
        Entry e = name == null ? null : entries.get(name);
        if (e == null) {
            String shown = name == null ? "null" : name.length() > 64 ? name.substring(0, 64) + "..." : name;
            throw new NotFoundException("no repository named '" + shown + "' is configured; configured: " + names());
        }
        return e;
    }

    private record Entry(ReleaseHost host, TagScheme tagScheme) {}

    /** Builds a {@link ReleaseHosts}. */
    public static final class Builder {
        private final Map<String, Entry> entries = new LinkedHashMap<>();

        private Builder() {}

        /** Adds a repository under a name, with the tag scheme of its releases. */
        public Builder add(String name, ReleaseHost host, TagScheme tagScheme) {
            Objects.requireNonNull(name, "name");
            entries.put(name, new Entry(Objects.requireNonNull(host, "host"), Objects.requireNonNull(tagScheme)));
            return this;
        }

        /** Builds the registry. */
        public ReleaseHosts build() {
            return new ReleaseHosts(entries);
        }
    }
}
