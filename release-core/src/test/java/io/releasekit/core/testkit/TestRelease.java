package io.releasekit.core.testkit;

import io.releasekit.core.artifact.ArtifactManifest;
import io.releasekit.core.artifact.DigestAlgorithm;
import io.releasekit.core.artifact.ManifestEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a small release (files and their manifest) into a directory, for artifact tests. */
public final class TestRelease {

    private final Map<String, byte[]> files = new LinkedHashMap<>();

    private TestRelease() {}

    /** A release of {@code n} files {@code artifact-<i>.bin} of distinct sizes and contents. */
    public static TestRelease of(int n) {
        TestRelease r = new TestRelease();
        for (int i = 0; i < n; i++) {
            r.file("artifact-" + i + ".bin", ("artifact " + i + " ").repeat(100 + i * 37));
        }
        return r;
    }

    /** Adds a file. */
    public TestRelease file(String name, String content) {
        files.put(name, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** The files by name. */
    public Map<String, byte[]> files() {
        return files;
    }

    /** The manifest of the files, with sizes. */
    public ArtifactManifest manifest(DigestAlgorithm algorithm) {
        List<ManifestEntry> entries = new ArrayList<>();
        files.forEach((name, bytes) -> entries.add(ManifestEntry.of(
                name, HexFormat.of().formatHex(algorithm.newDigest().digest(bytes)), bytes.length)));
        return ArtifactManifest.of(algorithm, entries);
    }

    /** Writes the files below {@code dir} and a {@code SHA256SUMS} next to them. */
    public Path writeTo(Path dir) {
        return writeTo(dir, "SHA256SUMS", manifest(DigestAlgorithm.SHA256).toSums());
    }

    /** Writes the files below {@code dir} and the given manifest bytes as {@code manifestName}. */
    public Path writeTo(Path dir, String manifestName, byte[] manifest) {
        try {
            Files.createDirectories(dir);
            for (var f : files.entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
            }
            Files.write(dir.resolve(manifestName), manifest);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
