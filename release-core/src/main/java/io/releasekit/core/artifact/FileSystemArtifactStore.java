package io.releasekit.core.artifact;

import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An {@link ArtifactStore} in a directory: the embedded default. Writes go to a temporary file in the target directory
 * and are moved into place atomically once their digest checked out, so a reader never sees a partial object. Keys
 * resolve strictly below the root; a symbolic link leading out of the root is refused.
 */
public final class FileSystemArtifactStore implements ArtifactStore {

    private static final String PART_MARKER = ".releasekit-part-";

    private final Path root;

    /**
     * A store rooted at {@code root}, which is created if missing.
     *
     * @throws InvalidInputException when the root cannot be created or is not a directory
     */
    public FileSystemArtifactStore(Path root) {
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new InvalidInputException("artifact store root " + root + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** The root directory. */
    public Path root() {
        return root;
    }

    /**
     * The file holding a key, resolved strictly inside the root (for fast local reads, e.g. memory-mapped hashing).
     *
     * @throws InvalidInputException when the key would lead out of the root
     */
    public Path file(ArtifactKey key) {
        return resolve(key);
    }

    @Override
    public String location() {
        return root.toUri().toString();
    }

    @Override
    public Optional<String> service() {
        return Optional.empty();
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        String p = prefix == null ? "" : prefix;
        List<ObjectInfo> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().contains(PART_MARKER))
                    .map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .filter(k -> k.startsWith(p))
                    .sorted()
                    .forEach(k -> stat(ArtifactKey.of(k)).ifPresent(out::add));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return out;
    }

    @Override
    public Optional<ObjectInfo> stat(ArtifactKey key) {
        Path file = resolve(key);
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new ObjectInfo(
                    key,
                    a.size(),
                    Optional.empty(),
                    Optional.of(a.lastModifiedTime().toInstant())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + key + " in " + root, e);
        }
    }

    @Override
    public InputStream open(ArtifactKey key) {
        Path file = resolve(key);
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no object '" + key + "' in " + location(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + key + " in " + root, e);
        }
    }

    @Override
    public ObjectInfo put(ArtifactKey key, InputStream content, long size, String sha256) {
        ObjectInfo.requireSha256(sha256);
        Path target = resolve(key);
        Path part = null;
        try {
            Files.createDirectories(target.getParent());
            requireInsideRoot(target.getParent().toRealPath(), key);
            part = target.resolveSibling("." + target.getFileName() + PART_MARKER + UUID.randomUUID());
            MessageDigest digest = sha256Digest();
            long written;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), digest)) {
                written = content.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (written != size || !actual.equals(sha256)) {
                throw new ConflictException("content written to '" + key + "' does not match: expected " + size
                        + " bytes with SHA-256 " + sha256 + ", got " + written + " bytes with " + actual);
            }
            move(part, target);
            part = null;
            return stat(key).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + key + " in " + root, e);
        } finally {
            if (part != null) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException ignored) {
                    // best effort: a stray part file is skipped by list()
                }
            }
        }
    }

    private Path resolve(ArtifactKey key) {
        Path p = root.resolve(key.value()).normalize();
        requireInsideRoot(p, key);
        return p;
    }

    private void requireInsideRoot(Path p, ArtifactKey key) {
        if (!p.startsWith(root)) {
            throw new InvalidInputException("artifact key '" + key + "' escapes the store root");
        }
        try {
            Path existing = p;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null && !existing.toRealPath().startsWith(root)) {
                throw new InvalidInputException("artifact key '" + key + "' leads out of the store root via a link");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + key + " in " + root, e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
