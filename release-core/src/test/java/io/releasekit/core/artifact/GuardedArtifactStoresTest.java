package io.releasekit.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.service.GuardConfig;
import io.releasekit.core.service.ServiceGuards;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stores {@link ArtifactStores} hands out are guarded, and a retried write starts over with all its bytes: an
 * in-memory stream is rewound, a {@link ContentSource} is opened again, and any other stream is written once.
 */
class GuardedArtifactStoresTest {

    static final byte[] BYTES = "release bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    final ServiceGuards guards = ServiceGuards.builder()
            .defaults(GuardConfig.defaults().withMaxAttempts(3).withWaits(Duration.ofSeconds(30), Duration.ofMillis(1)))
            .build();

    @AfterEach
    void close() {
        guards.close();
    }

    @Test
    void aRetriedPutOfAnInMemoryStreamWritesAllTheBytes() throws Exception {
        FlakyStore flaky = new FlakyStore(new FileSystemArtifactStore(root), 1);
        ArtifactStore store = new ArtifactStores(Map.of("s", flaky), guards).get("s");

        store.put(ArtifactKey.of("a.bin"), new ByteArrayInputStream(BYTES), BYTES.length, sha256(BYTES));

        assertThat(flaky.puts.get()).isEqualTo(2);
        assertThat(store.read(ArtifactKey.of("a.bin"), InputStream::readAllBytes))
                .isEqualTo(BYTES);
    }

    @Test
    void aRetriedPutFromASourceOpensTheSourceAgain() throws Exception {
        FlakyStore flaky = new FlakyStore(new FileSystemArtifactStore(root), 2);
        ArtifactStore store = new ArtifactStores(Map.of("s", flaky), guards).get("s");
        AtomicInteger opened = new AtomicInteger();

        store.putFrom(
                ArtifactKey.of("b.bin"),
                () -> {
                    opened.incrementAndGet();
                    return new ByteArrayInputStream(BYTES);
                },
                BYTES.length,
                sha256(BYTES));

        assertThat(opened).hasValue(3);
        assertThat(store.read(ArtifactKey.of("b.bin"), InputStream::readAllBytes))
                .isEqualTo(BYTES);
    }

    @Test
    void aPutOfAStreamThatCannotBeReadAgainIsTriedOnce() throws Exception {
        FlakyStore flaky = new FlakyStore(new FileSystemArtifactStore(root), 1);
        ArtifactStore store = new ArtifactStores(Map.of("s", flaky), guards).get("s");
        InputStream once = new InputStream() {
            final InputStream in = new ByteArrayInputStream(BYTES);

            @Override
            public int read() throws IOException {
                return in.read();
            }
        };

        assertThatThrownBy(() -> store.put(ArtifactKey.of("c.bin"), once, BYTES.length, sha256(BYTES)))
                .isInstanceOf(ServiceUnavailableException.class);
        assertThat(flaky.puts.get()).isEqualTo(1);
        assertThat(guards.status("s3:test").bufferedCalls()).isEqualTo(1);
    }

    @Test
    void aLocalStoreIsCalledWithoutAGuard() throws Exception {
        ArtifactStore store =
                new ArtifactStores(Map.of("local", new FileSystemArtifactStore(root)), guards).get("local");

        store.put(ArtifactKey.of("d.bin"), new ByteArrayInputStream(BYTES), BYTES.length, sha256(BYTES));

        assertThat(store.service()).isEmpty();
        assertThat(guards.statuses()).isEmpty();
    }

    /** A directory of a.bin … e.bin, written out of order. */
    FileSystemArtifactStore fiveObjects() throws Exception {
        FileSystemArtifactStore files = new FileSystemArtifactStore(root);
        for (String name : List.of("e.bin", "a.bin", "d.bin", "b.bin", "c.bin")) {
            files.put(ArtifactKey.of(name), new ByteArrayInputStream(BYTES), BYTES.length, sha256(BYTES));
        }
        return files;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** A store of service {@code s3:test} whose first puts consume the stream, then fail as S3 answering 503 does. */
    @Test
    void eachPageOfAListingIsItsOwnGuardedCallSoAFailedPageIsRetriedAlone() throws Exception {
        FileSystemArtifactStore files = fiveObjects();
        PagedStore paged = new PagedStore(files, 2, "2");
        ArtifactStore store = new ArtifactStores(Map.of("s", paged), guards).get("s");

        List<ObjectInfo> listed = store.list("");

        assertThat(listed)
                .extracting(o -> o.key().value())
                .containsExactly("a.bin", "b.bin", "c.bin", "d.bin", "e.bin");
        // pages 1, 2 (503), 2 again, 3: the retry asks for the failed page only, not the whole listing again
        assertThat(paged.requested).containsExactly("1", "2", "2", "3");
    }

    @Test
    void aPageAfterAKeyIsItsOwnGuardedCallSoAFailedRangeIsRetriedAlone() throws Exception {
        FileSystemArtifactStore files = fiveObjects();
        PagedStore paged = new PagedStore(files, 2, "after b.bin");
        ArtifactStore store = new ArtifactStores(Map.of("s", paged), guards).get("s");

        ListingPage page = store.listPageAfter("", "b.bin");

        assertThat(page.objects()).extracting(o -> o.key().value()).containsExactly("c.bin", "d.bin");
        assertThat(page.next()).isPresent();
        assertThat(paged.requested).containsExactly("after b.bin", "after b.bin");
    }

    /**
     * A store that lists {@code size} objects per page (tokens "2", "3", …; {@code after <key>} for a page after a key)
     * and fails one page once with a 503.
     */
    static final class PagedStore implements ArtifactStore {
        final ArtifactStore delegate;
        final int size;
        final List<String> requested = new java.util.concurrent.CopyOnWriteArrayList<>();
        String failOnce;

        PagedStore(ArtifactStore delegate, int size, String failOnce) {
            this.delegate = delegate;
            this.size = size;
            this.failOnce = failOnce;
        }

        @Override
        public String location() {
            return delegate.location();
        }

        @Override
        public Optional<String> service() {
            return Optional.of("s3:test");
        }

        @Override
        public List<ObjectInfo> list(String prefix) {
            throw new AssertionError("a guarded listing asks page by page");
        }

        @Override
        public ListingPage listPage(String prefix, Optional<String> token) {
            int page = Integer.parseInt(token.orElse("1"));
            requested.add(String.valueOf(page));
            if (String.valueOf(page).equals(failOnce)) {
                failOnce = null;
                throw new ServiceUnavailableException("s3:test", "S3 answered 503 SlowDown");
            }
            List<ObjectInfo> all = delegate.list(prefix);
            int from = (page - 1) * size;
            int to = Math.min(all.size(), from + size);
            return new ListingPage(
                    all.subList(from, to), to < all.size() ? Optional.of(String.valueOf(page + 1)) : Optional.empty());
        }

        @Override
        public ListingPage listPageAfter(String prefix, String startAfter) {
            String asked = "after " + startAfter;
            requested.add(asked);
            if (asked.equals(failOnce)) {
                failOnce = null;
                throw new ServiceUnavailableException("s3:test", "S3 answered 503 SlowDown");
            }
            List<ObjectInfo> after = delegate.list(prefix).stream()
                    .filter(o -> o.key().value().compareTo(startAfter) > 0)
                    .toList();
            return new ListingPage(
                    after.subList(0, Math.min(size, after.size())),
                    after.size() > size ? Optional.of("more") : Optional.empty());
        }

        @Override
        public Optional<ObjectInfo> stat(ArtifactKey key) {
            return delegate.stat(key);
        }

        @Override
        public InputStream open(ArtifactKey key) {
            return delegate.open(key);
        }

        @Override
        public ObjectInfo put(ArtifactKey key, InputStream content, long size, String sha256) {
            return delegate.put(key, content, size, sha256);
        }
    }

    static final class FlakyStore implements ArtifactStore {
        final ArtifactStore delegate;
        final AtomicInteger failures;
        final AtomicInteger puts = new AtomicInteger();

        FlakyStore(ArtifactStore delegate, int failures) {
            this.delegate = delegate;
            this.failures = new AtomicInteger(failures);
        }

        @Override
        public String location() {
            return delegate.location();
        }

        @Override
        public Optional<String> service() {
            return Optional.of("s3:test");
        }

        @Override
        public List<ObjectInfo> list(String prefix) {
            return delegate.list(prefix);
        }

        @Override
        public Optional<ObjectInfo> stat(ArtifactKey key) {
            return delegate.stat(key);
        }

        @Override
        public InputStream open(ArtifactKey key) {
            return delegate.open(key);
        }

        @Override
        public ObjectInfo put(ArtifactKey key, InputStream content, long size, String sha256) {
            puts.incrementAndGet();
            if (failures.getAndDecrement() > 0) {
                try {
                    content.readAllBytes(); // the bytes are gone, as after a broken upload
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                throw new ServiceUnavailableException("s3:test", "S3 answered 503 SlowDown");
            }
            return delegate.put(key, content, size, sha256);
        }
    }
}
