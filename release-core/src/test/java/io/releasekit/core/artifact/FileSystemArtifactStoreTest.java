package io.releasekit.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
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

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
