package io.releasekit.core.artifact;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a store's listing: the objects it holds (in the store's order) and the token of the next page, empty on
 * the last page. A store that pages ({@link ArtifactStore#listPage}) lets its guard time, retry and count each page on
 * its own, so a listing of tens of thousands of keys is not one call against one time limit.
 *
 * @param objects the page's objects
 * @param next the token to ask for the next page with, or empty when this is the last one
 */
public record ListingPage(List<ObjectInfo> objects, Optional<String> next) {

    /** Validates and copies. */
    public ListingPage {
        objects = List.copyOf(Objects.requireNonNull(objects, "objects"));
        Objects.requireNonNull(next, "next");
        next.ifPresent(t -> {
            if (t.isEmpty()) {
                throw new IllegalArgumentException("a next-page token is not empty");
            }
        });
    }

    /** The only page of a listing. */
    public static ListingPage last(List<ObjectInfo> objects) {
        return new ListingPage(objects, Optional.empty());
    }
}
