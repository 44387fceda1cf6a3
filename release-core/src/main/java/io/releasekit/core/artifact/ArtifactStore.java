package io.releasekit.core.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * A place artifacts live: a directory ({@code FileSystemArtifactStore}, the embedded default) or an S3 bucket and
 * prefix ({@code S3ArtifactStore}). Keys are relative to the store's root. Implementations stream: no method holds a
 * whole object in memory.
 *
 * <p>Callers wrap calls in the service guard named by {@link #service()} when it is present.
 */
public interface ArtifactStore {

    /** A human-readable location for messages and events, e.g. {@code s3://releases/ferrocene/} (no credentials). */
    String location();

    /** The guarded service this store calls ({@code s3:eu-central-1}), or empty for a local file system. */
    Optional<String> service();

    /**
     * Every guarded service this store depends on, for a preflight: {@link #service()} and whatever its credentials
     * call (an S3 store with an assumed role: {@code s3:eu-central-1} and {@code sts:eu-central-1}). Empty for a local
     * file system.
     */
    default List<String> services() {
        return service().stream().toList();
    }

    /** Every object whose key starts with {@code prefix} (empty string: all), sorted by key. Paginates internally. */
    List<ObjectInfo> list(String prefix);

    /**
     * One page of the objects whose key starts with {@code prefix}: the first page for an empty {@code token}, else
     * the page {@code token} (a previous page's {@link ListingPage#next()}) names. A store that lists in one request
     * answers everything as one last page (the default); a store that pages (S3: one ListObjectsV2 request per page)
     * lets its guard take each page as its own call. The pages together hold what {@link #list} returns, in any order.
     *
     * @throws IllegalArgumentException for a token this store did not hand out
     */
    default ListingPage listPage(String prefix, Optional<String> token) {
        if (token.isPresent()) {
            throw new IllegalArgumentException("this store lists in one page; there is no page '" + token.get() + "'");
        }
        return ListingPage.last(list(prefix));
    }

    /**
     * The first page of the objects whose key starts with {@code prefix} and sorts after {@code startAfter} (a key
     * relative to the store's root, exclusive; S3's order: by the UTF-8 bytes of the key); the next pages as {@link
     * #listPage} names them with this page's {@link ListingPage#next()}. A caller that knows a location's keys lists it
     * in key ranges at once instead of in one chain of pages (S3: ListObjectsV2 with {@code StartAfter}). The default
     * filters the whole listing and answers it as one last page.
     */
    default ListingPage listPageAfter(String prefix, String startAfter) {
        return ListingPage.last(list(prefix).stream()
                .filter(o -> io.releasekit.core.artifact.internal.KeyRanges.compare(
                                o.key().value(), startAfter)
                        > 0)
                .toList());
    }

    /** One object's info, or empty when there is none at that key. */
    Optional<ObjectInfo> stat(ArtifactKey key);

    /**
     * Opens an object for streaming; the caller closes the stream.
     *
     * @throws io.releasekit.core.NotFoundException when there is no such object
     */
    InputStream open(ArtifactKey key);

    /**
     * Writes an object from a stream, replacing any object at the key. The store records {@code sha256} with the
     * object (S3 checksum or metadata) so that an identical object is recognised later without reading it, and fails
     * if the bytes it received do not have that digest.
     *
     * @param key where to write
     * @param content the bytes; read to the end, not closed
     * @param size the exact number of bytes
     * @param sha256 the expected SHA-256 of the bytes (64 lower-case hex digits)
     */
    ObjectInfo put(ArtifactKey key, InputStream content, long size, String sha256);

    /**
     * Writes an object from a source that is opened afresh for each attempt (a store handed out by {@link
     * ArtifactStores} retries a failed write with a new stream); otherwise as {@link #put(ArtifactKey, InputStream,
     * long, String)}.
     */
    default ObjectInfo putFrom(ArtifactKey key, ContentSource content, long size, String sha256) {
        try (InputStream in = content.open()) {
            return put(key, in, size, sha256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces a small object only if it is still the one the caller read (compare-and-swap), so that two writers
     * updating the same document (a release index) never lose each other's change: the write happens only when the
     * object at {@code key} has the SHA-256 {@code expectedSha256}, or, when that is empty, when there is no object at
     * {@code key}. The bytes are checked against their SHA-256 like {@link #put} and become visible at once and whole.
     *
     * @param key where to write
     * @param content the new bytes (small: held in memory)
     * @param expectedSha256 the SHA-256 of the object the caller read, or empty when it found none
     * @return the written object's info
     * @throws io.releasekit.core.ConflictException when another writer changed or created the object meanwhile (read
     *     it again and retry)
     * @throws io.releasekit.core.InvalidInputException when the store cannot write conditionally
     */
    default ObjectInfo putIfUnchanged(ArtifactKey key, byte[] content, Optional<String> expectedSha256) {
        throw new io.releasekit.core.InvalidInputException(
                "the store at " + location() + " cannot replace '" + key + "' conditionally");
    }

    /**
     * Opens an object and reads it to a result within one call (a store handed out by {@link ArtifactStores} retries
     * the opening and the reading together).
     *
     * @throws io.releasekit.core.NotFoundException when there is no such object
     */
    default <T> T read(ArtifactKey key, ContentReader<T> reader) {
        try (InputStream in = open(key)) {
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Tells the store that a dry run would write an object at {@code key} (a put or a server-side copy): a store
     * wrapped by {@link io.releasekit.core.protect.Protection} adds the write to the plan of the run being planned, so
     * the plan is made where the real write would happen. Plain stores ignore it. Decorators forward it.
     */
    default void planPut(ArtifactKey key) {}

    /**
     * Tells the store that a dry run would write objects below {@code prefix} whose keys it cannot name yet (an asset
     * of a release that is only published by the real run). A protected store plans {@code <prefix>*}: the real run may
     * write any key below the prefix. Plain stores ignore it. Decorators forward it.
     */
    default void planPutsBelow(String prefix) {}

    /**
     * Copies an object from {@code source} inside the provider, without the bytes passing through this process, when
     * both stores allow it (S3 to S3 reachable with one credential: CopyObject, UploadPartCopy above 5 GiB).
     *
     * @return the copied object's info, or empty when a server-side copy is not possible between these stores (the
     *     caller then streams the object)
     */
    default Optional<ObjectInfo> serverSideCopy(ArtifactStore source, ArtifactKey from, ArtifactKey to, String sha256) {
        return Optional.empty();
    }

    /**
     * As {@link #serverSideCopy(ArtifactStore, ArtifactKey, ArtifactKey, String)} for an object the caller has just
     * verified to have {@code sha256}: {@code verified} is its info as listed when it was verified (size and entity
     * tag), so a store that can make the copy conditional on the entity tag (S3 {@code x-amz-copy-source-if-match})
     * copies without asking the source first, and a source rewritten since is a {@link
     * io.releasekit.core.ConflictException}. The default asks as the other form does.
     */
    default Optional<ObjectInfo> serverSideCopy(
            ArtifactStore source, ObjectInfo verified, ArtifactKey to, String sha256) {
        return serverSideCopy(source, verified.key(), to, sha256);
    }

    /**
     * Removes an object (a staged copy once it has been moved into place); nothing happens when there is none.
     *
     * @throws io.releasekit.core.InvalidInputException when this store cannot delete objects
     */
    default void delete(ArtifactKey key) {
        throw new io.releasekit.core.InvalidInputException(location() + " cannot delete objects");
    }

    /**
     * Moves an object inside this store to {@code to}, replacing what is there: a rename where the store has one (a
     * file system: atomic), else a copy guarded by {@code from}'s entity tag followed by a delete (S3). A staged write
     * puts its object at a temporary key and moves it to its final key only once it has been verified. The default
     * streams the object to {@code to} (checked against {@code from}'s recorded SHA-256) and deletes {@code from}.
     *
     * @param from the object as verified (its SHA-256 recorded)
     * @return the object at {@code to}
     */
    default ObjectInfo move(ObjectInfo from, ArtifactKey to) {
        String sha256 = from.sha256()
                .orElseThrow(() -> new io.releasekit.core.InvalidInputException(
                        "'" + from.key() + "' has no recorded SHA-256 to move it with"));
        ObjectInfo moved = putFrom(to, () -> open(from.key()), from.size(), sha256);
        delete(from.key());
        return moved;
    }
}
