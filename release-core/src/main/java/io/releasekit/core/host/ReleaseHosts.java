package io.releasekit.core.host;

import io.releasekit.core.NotFoundException;
import io.releasekit.core.host.internal.GuardedReleaseHost;
import io.releasekit.core.host.internal.ProtectedReleaseHost;
import io.releasekit.core.protect.Protection;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.version.TagScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The configured repositories on release hosts, by name ({@code cfn-registry}, {@code packit-service}), each with the
 * tag scheme its releases follow. Requests name a repository; they never carry an owner, a URL or a token. The hosts
 * it hands out are guarded: every call goes through the guard of {@link ReleaseHost#service()}, so a caller never
 * wraps a call itself. Built with {@link Builder#protection(Protection)}, each host is also protected: its writes (a
 * release created, edited, published, deleted, an asset uploaded) pass the protection check of the target {@code
 * release <name>@<tag>} first, outermost, so a refused write never reaches the guard:
 *
 * <pre>{@code
 * ReleaseHosts hosts = ReleaseHosts.builder(guards).protection(protection).add("cfn", github, TagScheme.of("release-")).build();
 * }</pre>
 */
public final class ReleaseHosts {

    private final Map<String, Entry> entries;

    private ReleaseHosts(Map<String, Entry> entries) {
        this.entries = Map.copyOf(entries);
    }

    /** Starts a builder whose hosts are guarded by {@code guards}. */
    public static Builder builder(ServiceGuards guards) {
        return new Builder(guards);
    }

    /**
     * What every host handed out is wrapped in: the one place a port's calls get their guard and, outermost, their
     * protection check.
     */
    private static ReleaseHost decorate(String name, ReleaseHost host, ServiceGuards guards, Protection protection) {
        if (host instanceof ProtectedReleaseHost) {
            return host;
        }
        ReleaseHost guarded = host instanceof GuardedReleaseHost ? host : new GuardedReleaseHost(host, guards);
        return protection == null ? guarded : new ProtectedReleaseHost(name, guarded, protection);
    }

    /**
     * The repository with this name, guarded.
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
        private final ServiceGuards guards;
        private Protection protection;

        private Builder(ServiceGuards guards) {
            this.guards = Objects.requireNonNull(guards, "guards");
        }

        /** Adds a repository under a name, with the tag scheme of its releases. */
        public Builder add(String name, ReleaseHost host, TagScheme tagScheme) {
            Objects.requireNonNull(name, "name");
            entries.put(name, new Entry(Objects.requireNonNull(host, "host"), Objects.requireNonNull(tagScheme)));
            return this;
        }

        /** Protects every host's writes by {@code protection} (hosts added before or after). */
        public Builder protection(Protection protection) {
            this.protection = Objects.requireNonNull(protection, "protection");
            return this;
        }

        /** Builds the registry. */
        public ReleaseHosts build() {
            Map<String, Entry> out = new LinkedHashMap<>();
            entries.forEach(
                    (name, e) -> out.put(name, new Entry(decorate(name, e.host(), guards, protection), e.tagScheme())));
            return new ReleaseHosts(out);
        }
    }
}
