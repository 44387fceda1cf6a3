package io.releasekit.core.artifact.internal;

import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ListingPage;
import io.releasekit.core.artifact.ObjectInfo;
import io.releasekit.core.internal.Parallel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Lists a location whose keys the caller knows (a manifest names them) in key ranges at once instead of one sequential
 * chain of pages. The first page is asked for as usual; when the listing goes on, the known keys after it, sorted in
 * the store's order, are cut into ranges of nine tenths of a page (so a range with a few keys nobody listed — signature
 * files, the manifest — is still one page), and each range is listed from {@code StartAfter} its first boundary until a
 * page reaches the next boundary, {@link #CONCURRENCY} ranges at a time. Every page is its own guarded call ({@link
 * GuardedStore#listPageAfter}, {@link GuardedStore#listPage}), so a page that fails is retried alone. The ranges
 * together cover the whole location, keys the caller did not know included: a range ends only once a page reached the
 * next range's first key, and the last range runs to the end of the listing.
 */
public final class KeyRanges {

    /** Ranges listed at once per store. */
    public static final int CONCURRENCY = 8;

    private KeyRanges() {}

    /**
     * Compares two keys in S3's order: by their UTF-8 bytes, unsigned (Java's {@code String.compareTo} orders
     * characters above U+FFFF differently).
     */
    public static int compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The objects below {@code prefix} by name relative to it, sorted by key. A remote store whose listing needs more
     * than one page is listed in ranges; a local one in one call.
     *
     * @param known names (relative to {@code prefix}) expected in the location, in any order
     */
    public static Map<String, ObjectInfo> listing(GuardedStore store, String prefix, Collection<String> known) {
        if (store.store().service().isEmpty()) {
            return Copier.listing(store, prefix);
        }
        ListingPage first = store.listPage(prefix, Optional.empty());
        List<ObjectInfo> all = new ArrayList<>(first.objects());
        if (first.next().isPresent() && first.objects().isEmpty()) {
            all.addAll(new Range(Optional.empty(), Optional.empty()).rest(store, prefix, first.next()));
        } else if (first.next().isPresent()) {
            String last = first.objects().stream()
                    .map(o -> o.key().value())
                    .max(KeyRanges::compare)
                    .orElseThrow();
            int perRange = Math.max(1, first.objects().size() * 9 / 10);
            List<String> bounds = boundaries(prefix, known, last, perRange);
            List<Range> ranges = new ArrayList<>();
            for (int i = 0; i <= bounds.size(); i++) {
                ranges.add(new Range(
                        Optional.of(i == 0 ? last : bounds.get(i - 1)),
                        i < bounds.size() ? Optional.of(bounds.get(i)) : Optional.empty()));
            }
            Parallel.map(ranges, CONCURRENCY, "releasekit-list-range", r -> r.list(store, prefix))
                    .forEach(all::addAll);
        }
        TreeMap<ArtifactKey, ObjectInfo> sorted = new TreeMap<>();
        all.forEach(o -> sorted.put(o.key(), o));
        Map<String, ObjectInfo> out = new LinkedHashMap<>();
        sorted.values().forEach(o -> out.put(o.key().value().substring(prefix.length()), o));
        return out;
    }

    /**
     * Full keys after {@code after} cutting the known ones into ranges of {@code perRange}; only pure ASCII keys are
     * boundaries, so that a store ordering by UTF-16 units instead of UTF-8 bytes agrees on which side of a boundary
     * any key is.
     */
    static List<String> boundaries(String prefix, Collection<String> known, String after, int perRange) {
        List<String> keys = known.stream()
                .map(n -> prefix + Prefixes.relative(n))
                .filter(k -> compare(k, after) > 0)
                .sorted(KeyRanges::compare)
                .distinct()
                .toList();
        List<String> out = new ArrayList<>();
        int next = perRange - 1;
        for (int i = 0; i < keys.size(); i++) {
            if (i >= next && isAscii(keys.get(i))) {
                out.add(keys.get(i));
                next = i + perRange;
            }
        }
        return out;
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    /** Keys after {@code start} (exclusive) up to at least {@code end} (inclusive; to the end when empty). */
    private record Range(Optional<String> start, Optional<String> end) {

        List<ObjectInfo> list(GuardedStore store, String prefix) {
            ListingPage page = store.listPageAfter(prefix, start.orElseThrow());
            List<ObjectInfo> out = new ArrayList<>(page.objects());
            if (!reached(page)) {
                out.addAll(rest(store, prefix, page.next()));
            }
            return out;
        }

        /** The pages from {@code token} on, until one reaches {@link #end} or the listing ends. */
        List<ObjectInfo> rest(GuardedStore store, String prefix, Optional<String> token) {
            List<ObjectInfo> out = new ArrayList<>();
            Optional<String> next = token;
            while (next.isPresent()) {
                ListingPage page = store.listPage(prefix, next);
                out.addAll(page.objects());
                next = reached(page) ? Optional.empty() : page.next();
            }
            return out;
        }

        private boolean reached(ListingPage page) {
            return page.next().isEmpty()
                    || end.isPresent()
                            && page.objects().stream()
                                    .anyMatch(o -> compare(o.key().value(), end.get()) >= 0);
        }
    }
}
