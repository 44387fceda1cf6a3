package io.releasekit.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.fence.ClaimLostException;
import io.releasekit.core.fence.WriteFence;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemArtifactStoreTest {

    @TempDir
    Path dir;

    @Test
    void writesListsStatsAndReadsBack() throws Exception {
        FileSystemArtifactStore store = new FileSystemArtifactStore(dir.resolve("store"));
        byte[] bytes = "release bits".getBytes(StandardCharsets.UTF_8);

        store.put(ArtifactKey.of("abc/dist/tool.tar.xz"), new ByteArrayInputStream(bytes), bytes.length, sha256(bytes));

        assertThat(store.list("abc/")).extracting(o -> o.key().value()).containsExactly("abc/dist/tool.tar.xz");
        assertThat(store.stat(ArtifactKey.of("abc/dist/tool.tar.xz")))
                .get()
                .extracting(ObjectInfo::size)
                .isEqualTo((long) bytes.length);
        try (InputStream in = store.open(ArtifactKey.of("abc/dist/tool.tar.xz"))) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void refusesContentThatDoesNotMatchItsDigestAndLeavesNothingBehind() throws Exception {
        FileSystemArtifactStore store = new FileSystemArtifactStore(dir);
        byte[] bytes = "tampered".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> store.put(
                        ArtifactKey.of("a/b"),
                        new ByteArrayInputStream(bytes),
                        bytes.length,
                        sha256("original".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("does not match");

        assertThat(store.list("")).isEmpty();
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void missingObjectIsNotFound() {
        FileSystemArtifactStore store = new FileSystemArtifactStore(dir);
        assertThat(store.stat(ArtifactKey.of("nope"))).isEmpty();
        assertThatThrownBy(() -> store.open(ArtifactKey.of("nope"))).isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"../etc/passwd", "a/../../b", "/abs", "a//b", "a/./b", "nul\u0000x", "back\\slash", "C:x", ""})
    void refusesKeysThatCouldEscapeTheRoot(String key) {
        assertThatThrownBy(() -> ArtifactKey.of(key)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void refusesALinkLeadingOutOfTheRoot() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        FileSystemArtifactStore store = new FileSystemArtifactStore(root);
        byte[] bytes = {1};

        assertThatThrownBy(() -> store.put(ArtifactKey.of("link/x"), new ByteArrayInputStream(bytes), 1, sha256(bytes)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("link");
        assertThat(outside.resolve("x")).doesNotExist();
    }

    @Test
    void anotherWritersObjectInFlightIsInNoListing() throws Exception {
        FileSystemArtifactStore store = new FileSystemArtifactStore(dir.resolve("store"));
        byte[] done = "done".getBytes(StandardCharsets.UTF_8);
        store.put(ArtifactKey.of("run-01/a.bin"), new ByteArrayInputStream(done), done.length, sha256(done));
        byte[] big = new byte[64 * 1024];
        CountDownLatch halfWritten = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        // a writer that stops in the middle of its object, as a concurrent publish does
        InputStream slow = new SequenceInputStream(new ByteArrayInputStream(big, 0, 1024), new InputStream() {
            private final InputStream rest = new ByteArrayInputStream(big, 1024, big.length - 1024);

            @Override
            public int read() throws java.io.IOException {
                halfWritten.countDown();
                try {
                    finish.await();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                return rest.read();
            }
        });
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<ObjectInfo> put =
                    writer.submit(() -> store.put(ArtifactKey.of("run-03/pkg.bin"), slow, big.length, sha256(big)));
            assertThat(halfWritten.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(store.list("")).extracting(o -> o.key().value()).containsExactly("run-01/a.bin");
            assertThat(store.list("run-01/")).extracting(o -> o.key().value()).containsExactly("run-01/a.bin");
            assertThat(store.list("run-03/")).isEmpty();
            try (var files = Files.list(dir.resolve("store").resolve("run-03"))) {
                assertThat(files)
                        .as("nothing in flight next to the final files")
                        .isEmpty();
            }

            finish.countDown();
            put.get(10, TimeUnit.SECONDS);
            assertThat(store.list("run-03/")).extracting(o -> o.key().value()).containsExactly("run-03/pkg.bin");
        } finally {
            finish.countDown();
            writer.shutdownNow();
        }
    }

    @Test
    void listsOnlyWhatStartsWithThePrefix() throws Exception {
        FileSystemArtifactStore store = new FileSystemArtifactStore(dir.resolve("store"));
        for (String k : List.of("run-1/a", "run-10/b", "run-2/c", "top")) {
            byte[] b = k.getBytes(StandardCharsets.UTF_8);
            store.put(ArtifactKey.of(k), new ByteArrayInputStream(b), b.length, sha256(b));
        }

        assertThat(store.list("run-1")).extracting(o -> o.key().value()).containsExactly("run-1/a", "run-10/b");
        assertThat(store.list("run-1/")).extracting(o -> o.key().value()).containsExactly("run-1/a");
        assertThat(store.list("nothing/here/")).isEmpty();
        assertThat(store.list(""))
                .extracting(o -> o.key().value())
                .containsExactly("run-1/a", "run-10/b", "run-2/c", "top");
    }

    @Test
    void listingWhileAnotherWriterDeletesFilesNeverFails() throws Exception {
        FileSystemArtifactStore store = new FileSystemArtifactStore(dir.resolve("store"));
        Path d = Files.createDirectories(dir.resolve("store/churn"));
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService churn = Executors.newSingleThreadExecutor();
        Future<?> deleting = churn.submit(() -> {
            for (int i = 0; !stop.get(); i++) {
                Path f = d.resolve("f-" + (i % 50));
                Files.write(f, new byte[] {1});
                Files.deleteIfExists(d.resolve("f-" + ((i + 25) % 50)));
            }
            return null;
        });
        try {
            for (int i = 0; i < 300; i++) {
                assertThat(store.list("churn/"))
                        .allSatisfy(o -> assertThat(o.key().value()).startsWith("churn/f-"));
            }
        } finally {
            stop.set(true);
            deleting.get(10, TimeUnit.SECONDS);
            churn.shutdownNow();
        }
    }

    @Test
    void removesPartFilesAbandonedByDeadWritersAndKeepsFreshOnes() throws Exception {
        Path root = Files.createDirectories(dir.resolve("store"));
        Path release = Files.createDirectories(root.resolve("rel"));
        Path staging = Files.createDirectories(root.resolve(FileSystemArtifactStore.STAGING));
        FileTime old = FileTime.from(
                Instant.now().minus(FileSystemArtifactStore.ABANDONED_AFTER).minusSeconds(60));
        Path oldLegacy = Files.write(release.resolve(".pkg.bin.releasekit-part-1"), new byte[] {1});
        Path freshLegacy = Files.write(release.resolve(".pkg2.bin.releasekit-part-2"), new byte[] {1});
        Path oldStaged = Files.write(staging.resolve("3.releasekit-part-pkg.bin"), new byte[] {1});
        Path freshStaged = Files.write(staging.resolve("4.releasekit-part-pkg.bin"), new byte[] {1});
        Files.setLastModifiedTime(oldLegacy, old);
        Files.setLastModifiedTime(oldStaged, old);

        FileSystemArtifactStore store = new FileSystemArtifactStore(root); // a restart
        assertThat(oldStaged).doesNotExist();
        assertThat(freshStaged).as("possibly a live writer's").exists();

        assertThat(store.list("rel/")).isEmpty(); // a resumed publish lists its destination
        assertThat(oldLegacy).doesNotExist();
        assertThat(freshLegacy).exists();
    }

    @Test
    void refusesKeysLeadingIntoTheStagingDirectory() {
        FileSystemArtifactStore store = new FileSystemArtifactStore(dir.resolve("store"));
        byte[] b = {1};

        assertThatThrownBy(() -> store.put(
                        ArtifactKey.of(FileSystemArtifactStore.STAGING + "/x"),
                        new ByteArrayInputStream(b),
                        1,
                        sha256(b)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("staging");
        assertThat(store.list(FileSystemArtifactStore.STAGING + "/")).isEmpty();
    }

    @Test
    void aFencedWriterThatLostItsClaimWritesNothing() throws Exception {
        FileSystemArtifactStore store = new FileSystemArtifactStore(dir.resolve("store"));
        byte[] b = "stale".getBytes(StandardCharsets.UTF_8);
        WriteFence.Claim lost = new WriteFence.Claim() {
            @Override
            public String runId() {
                return "r1";
            }

            @Override
            public void check() {
                throw new ClaimLostException("run 'r1' was taken over by replica 'b'");
            }
        };

        try (WriteFence.Binding ignored = WriteFence.bind(lost)) {
            assertThatThrownBy(
                            () -> store.put(ArtifactKey.of("rel/x"), new ByteArrayInputStream(b), b.length, sha256(b)))
                    .isInstanceOf(ClaimLostException.class);
        }
        assertThat(store.stat(ArtifactKey.of("rel/x"))).isEmpty();
        try (var files = Files.walk(dir.resolve("store"))) {
            assertThat(files.filter(Files::isRegularFile))
                    .as("no staged leftovers")
                    .isEmpty();
        }
    }

    @Test
    void conditionalReplacementsFromManyWritersAtOnceLoseNoUpdate() throws Exception {
        // two stores on one directory, as two services on a shared volume; eight writers add one line each
        FileSystemArtifactStore one = new FileSystemArtifactStore(dir.resolve("shared"));
        FileSystemArtifactStore two = new FileSystemArtifactStore(dir.resolve("shared"));
        ArtifactKey key = ArtifactKey.of("index.json");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> writers = new java.util.ArrayList<>();
            for (int w = 0; w < 8; w++) {
                FileSystemArtifactStore store = w % 2 == 0 ? one : two;
                String line = "writer-" + w + "\n";
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int conflicts = 0; ; conflicts++) {
                        byte[] now = store.stat(key).isPresent() ? read(store, key) : null;
                        byte[] next = ((now == null ? "" : new String(now, StandardCharsets.UTF_8)) + line)
                                .getBytes(StandardCharsets.UTF_8);
                        try {
                            store.putIfUnchanged(
                                    key,
                                    next,
                                    now == null ? java.util.Optional.empty() : java.util.Optional.of(sha256(now)));
                            return conflicts;
                        } catch (ConflictException e) {
                            // another writer got in between: read again
                        }
                    }
                }));
            }
            start.countDown();
            for (Future<Integer> f : writers) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        String index = new String(read(one, key), StandardCharsets.UTF_8);
        assertThat(index.lines())
                .hasSize(8)
                .containsExactlyInAnyOrder(
                        "writer-0", "writer-1", "writer-2", "writer-3", "writer-4", "writer-5", "writer-6", "writer-7");
        assertThat(one.list("")).extracting(o -> o.key().value()).containsExactly("index.json");
    }

    @Test
    void refusesAConditionalReplacementOfAnObjectThatChangedOrAppeared() throws Exception {
        FileSystemArtifactStore store = new FileSystemArtifactStore(dir.resolve("store"));
        ArtifactKey key = ArtifactKey.of("index.json");
        byte[] first = "[1]".getBytes(StandardCharsets.UTF_8);
        store.putIfUnchanged(key, first, java.util.Optional.empty());

        assertThatThrownBy(() ->
                        store.putIfUnchanged(key, "[2]".getBytes(StandardCharsets.UTF_8), java.util.Optional.empty()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("expected no object, found SHA-256 " + sha256(first));
        assertThatThrownBy(() -> store.putIfUnchanged(
                        key,
                        "[3]".getBytes(StandardCharsets.UTF_8),
                        java.util.Optional.of(sha256("[0]".getBytes(StandardCharsets.UTF_8)))))
                .isInstanceOf(ConflictException.class);
        assertThat(read(store, key)).isEqualTo(first);
    }

    private static byte[] read(FileSystemArtifactStore store, ArtifactKey key) throws Exception {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        }
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
