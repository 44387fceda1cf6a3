package io.releasekit.api.security;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The static API tokens the service accepts, held only as SHA-256 digests. A presented token is hashed and compared
 * with every entry in constant time, so neither the comparison nor the lookup tells how close a guess was.
 */
public final class StaticTokens {

    /**
     * A known token.
     *
     * @param name the principal name
     * @param sha256 the token's digest
     * @param roles the granted roles (admin already expanded)
     */
    public record Entry(String name, byte[] sha256, List<String> roles) {
        public Entry {
            Objects.requireNonNull(name, "name");
            sha256 = sha256.clone();
            roles = List.copyOf(roles);
        }
    }

    private final List<Entry> entries;

    private StaticTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** An empty set of tokens. */
    public static StaticTokens none() {
        return new StaticTokens(List.of());
    }

    /**
     * Tokens from configuration, validated: every token needs a name, a hex SHA-256 and at least one known role;
     * names and digests are unique.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static StaticTokens of(List<TokenProperties> configured) {
        List<Entry> entries = new ArrayList<>();
        for (TokenProperties p : configured) {
            entries.add(entry(p));
        }
        return new StaticTokens(checkUnique(entries));
    }

    /** These tokens plus one more. */
    public StaticTokens plus(Entry entry) {
        List<Entry> all = new ArrayList<>(entries);
        all.add(entry);
        return new StaticTokens(checkUnique(all));
    }

    /** Whether no token is configured. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The known tokens, in configuration order. */
    public List<Entry> entries() {
        return entries;
    }

    /** How many tokens are known. */
    public int size() {
        return entries.size();
    }

    /** The entry a presented token belongs to. */
    public Optional<Entry> find(String presentedToken) {
        byte[] digest = TokenHash.sha256(presentedToken);
        Entry match = null;
        for (Entry e : entries) {
            // No early exit: every entry is compared, whatever matched.
            if (MessageDigest.isEqual(digest, e.sha256()) && match == null) {
                match = e;
            }
        }
        return Optional.ofNullable(match);
    }

    private static Entry entry(TokenProperties p) {
        String where = "releasekit.security.tokens[" + p.getIndex() + "]";
        if (p.getName() == null || p.getName().isBlank()) {
            throw new IllegalArgumentException(where + " needs a name");
        }
        byte[] digest = TokenHash.parseHex(p.getSha256(), p.getName());
        if (p.getRoles().isEmpty()) {
            throw new IllegalArgumentException(
                    where + " (token '" + p.getName() + "') needs at least one role of " + Roles.ALL);
        }
        for (String role : p.getRoles()) {
            if (!Roles.known(role)) {
                throw new IllegalArgumentException(where + " (token '" + p.getName() + "') has unknown role '" + role
                        + "'; known roles are " + Roles.ALL);
            }
        }
        return new Entry(p.getName(), digest, Roles.effective(p.getRoles()));
    }

    private static List<Entry> checkUnique(List<Entry> entries) {
        Set<String> names = new HashSet<>();
        Set<String> digests = new HashSet<>();
        for (Entry e : entries) {
            if (!names.add(e.name())) {
                throw new IllegalArgumentException("releasekit.security.tokens: name '" + e.name() + "' is used twice");
            }
            if (!digests.add(java.util.HexFormat.of().formatHex(e.sha256()))) {
                throw new IllegalArgumentException(
                        "releasekit.security.tokens: token '" + e.name() + "' has the same sha256 as another token");
            }
        }
        return entries;
    }
}
