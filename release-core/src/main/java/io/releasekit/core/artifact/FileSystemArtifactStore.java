package io.releasekit.core.artifact;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.fence.WriteFence;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link ArtifactStore} in a directory: the embedded default. Writes go to a temporary file in the store's staging
 * directory ({@value #STAGING}, directly below the root, so on the same file system) and are moved into place
 * atomically once their digest checked out: a reader never sees a partial object, and no listing ever sees another
 * writer's temporary file, because the staging directory is outside every listed tree and no key may lead into it.
 * Keys resolve strictly below the root; a symbolic link leading out of the root is refused.
 *
 * <p>Listing reads only the directory of the prefix asked for. A file that vanishes while it is listed (deleted by
 * another writer) is simply not listed; one that vanishes between a listing and a read is {@linkplain
 * NotFoundException not found}. Temporary files left by a process that died while writing (in the staging directory,
 * or next to the final files from versions before 0.1) are removed once they are {@link #ABANDONED_AFTER} old: when
 * the store is created (a restart) and when a listing meets them (a resumed run lists its destination).
 */
public final class FileSystemArtifactStore implements ArtifactStore {

    /** The staging directory below the root, holding writes in progress; no key may lead into it. */
    public static final String STAGING = ".releasekit-staging";

    /** How long an untouched temporary file is kept before it counts as abandoned by a dead writer. */
    public static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(FileSystemArtifactStore.class);
    private static final String PART_MARKER = ".releasekit-part-";
    private static final String LOCK_PREFIX = "lock-";
    private static final Map<Path, ReentrantLock> KEY_LOCKS = new ConcurrentHashMap<>();

    private final Path root;
    private final Path staging;

    /**
     * A store rooted at {@code root}, which is created if missing; its staging directory is made by the first write.
     *
     * @throws InvalidInputException when the root cannot be created or is not a directory
     */
    public FileSystemArtifactStore(Path root) {
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
            this.staging = this.root.resolve(STAGING);
        } catch (IOException e) {
            throw new InvalidInputException("artifact store root " + root + " cannot be used: " + e.getMessage(), e);
        }
        if (Files.isDirectory(staging)) {
            removeAbandoned(staging); // made by the first write; left over from a writer that died
        }
    }

    /** The root directory. */
    public Path root() {
        return root;
    }

    /**
     * The file holding a key, resolved strictly inside the root (for fast local reads, e.g. memory-mapped hashing).
     *
     * @throws InvalidInputException when the key would lead out of the root or into the staging directory
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

    /**
     * Lists the objects whose key starts with {@code prefix}, sorted by key, walking only the directory the prefix
     * names ({@code a/b/} and {@code a/b/c} both walk {@code a/b}).
     */
    @Override
    public List<ObjectInfo> list(String prefix) {
        String p = prefix == null ? "" : prefix;
        int slash = p.lastIndexOf('/');
        String dir = slash < 0 ? "" : p.substring(0, slash);
        Path start;
        if (dir.isEmpty()) {
            start = root;
        } else {
            ArtifactKey dirKey;
            try {
                dirKey = ArtifactKey.of(dir);
            } catch (InvalidInputException e) {
                return List.of(); // no key can start with a prefix that is not a valid key path
            }
            if (isStaging(dirKey)) {
                return List.of();
            }
            start = resolve(dirKey);
        }
        List<ObjectInfo> out = new ArrayList<>();
        try {
            Files.walkFileTree(start, new Lister(p, out));
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + p + " in " + root, e);
        }
        out.sort(Comparator.comparing(ObjectInfo::key));
        return out;
    }

    /** Collects regular files below a start directory, skipping staging and vanished files. */
    private final class Lister extends SimpleFileVisitor<Path> {
        private final String prefix;
        private final List<ObjectInfo> out;

        Lister(String prefix, List<ObjectInfo> out) {
            this.prefix = prefix;
            this.out = out;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return dir.equals(staging) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
            if (!a.isRegularFile()) {
                return FileVisitResult.CONTINUE;
            }
            String name = file.getFileName().toString();
            if (name.contains(PART_MARKER)) {
                removeIfAbandoned(file, a);
                return FileVisitResult.CONTINUE;
            }
            String key = root.relativize(file).toString().replace('\\', '/');
            if (key.startsWith(prefix)) {
                out.add(new ObjectInfo(
                        ArtifactKey.of(key),
                        a.size(),
                        Optional.empty(),
                        Optional.of(a.lastModifiedTime().toInstant())));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE; // deleted or moved away while the directory was read
            }
            throw e;
        }
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

    /**
     * Writes an object: its bytes go to a file in the staging directory, are checked against size and SHA-256, and
     * the file is moved into place atomically (after {@link io.releasekit.core.fence.WriteFence#check()}, so a run that
     * lost its claim to another replica writes nothing more).
     *
     * @throws ConflictException when the content does not match {@code size} and {@code sha256}
     */
    @Override
    public ObjectInfo put(ArtifactKey key, InputStream content, long size, String sha256) {
        ObjectInfo.requireSha256(sha256);
        Path target = resolve(key);
        Path part = null;
        try {
            Files.createDirectories(target.getParent());
            requireInsideRoot(target.getParent().toRealPath(), key);
            Files.createDirectories(staging);
            part = staging.resolve(UUID.randomUUID() + PART_MARKER + target.getFileName());
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
            WriteFence.check();
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
                    // best effort: a stray staging file is invisible, and removed once abandoned
                }
            }
        }
    }

    /** Deletes the file at {@code key}, if there is one. */
    @Override
    public void delete(ArtifactKey key) {
        try {
            WriteFence.check();
            Files.deleteIfExists(resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + key + " in " + root, e);
        }
    }

    /** Renames the file atomically (after {@link io.releasekit.core.fence.WriteFence#check()}). */
    @Override
    public ObjectInfo move(ObjectInfo from, ArtifactKey to) {
        Path source = resolve(from.key());
        Path target = resolve(to);
        try {
            Files.createDirectories(target.getParent());
            requireInsideRoot(target.getParent().toRealPath(), to);
            WriteFence.check();
            move(source, target);
            ObjectInfo moved = stat(to).orElseThrow();
            return from.sha256().map(moved::withSha256).orElse(moved);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no object '" + from.key() + "' in " + location() + " to move", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from.key() + " to " + to + " in " + root, e);
        }
    }

    /**
     * Replaces an object if it is unchanged: under a lock on the key (a lock held by this JVM's writers, and a file lock
     * in the staging directory against other processes on the same store), the current file's SHA-256 is compared with
     * {@code expectedSha256}, and only then the new bytes are written through {@link #put} (staged, checked, moved into
     * place atomically).
     *
     * @throws ConflictException when the object is not the one expected
     */
    @Override
    public ObjectInfo putIfUnchanged(ArtifactKey key, byte[] content, Optional<String> expectedSha256) {
        expectedSha256.ifPresent(ObjectInfo::requireSha256);
        Path target = resolve(key);
        ReentrantLock local = KEY_LOCKS.computeIfAbsent(target, t -> new ReentrantLock());
        local.lock();
        try {
            Files.createDirectories(staging);
            Path lockFile = staging.resolve(LOCK_PREFIX
                    + HexFormat.of().formatHex(sha256Digest().digest(key.value().getBytes(UTF_8))));
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                Optional<String> current = currentSha256(target);
                if (!current.equals(expectedSha256)) {
                    throw new ConflictException("'" + key + "' in " + location() + " changed meanwhile: expected "
                            + expectedSha256.map(d -> "SHA-256 " + d).orElse("no object") + ", found "
                            + current.map(d -> "SHA-256 " + d).orElse("none"));
                }
                String sha = HexFormat.of().formatHex(sha256Digest().digest(content));
                return put(key, new ByteArrayInputStream(content), content.length, sha);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + key + " in " + root, e);
        } finally {
            local.unlock();
        }
    }

    private static Optional<String> currentSha256(Path file) throws IOException {
        MessageDigest digest = sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(HexFormat.of().formatHex(digest.digest()));
    }

    private boolean isStaging(ArtifactKey key) {
        String v = key.value();
        return v.equals(STAGING) || v.startsWith(STAGING + "/");
    }

    /** Removes temporary files below {@code dir} that nobody touched for {@link #ABANDONED_AFTER}. */
    private void removeAbandoned(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                    // a lock file stays: removing one another process holds would let a third one in beside it
                    if (a.isRegularFile() && !f.getFileName().toString().startsWith(LOCK_PREFIX)) {
                        removeIfAbandoned(f, a);
                    }
                } catch (IOException e) {
                    // vanished meanwhile (another writer finished): nothing to remove
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not clean the staging directory of {}: {}", root, e.toString());
        }
    }

    private static void removeIfAbandoned(Path file, BasicFileAttributes a) {
        Instant cutoff = Instant.now().minus(ABANDONED_AFTER);
        if (a.lastModifiedTime().toInstant().isAfter(cutoff)) {
            return; // possibly still being written by a live writer
        }
        try {
            if (Files.deleteIfExists(file)) {
                LOG.info("removed {}, left by a writer that died {} or more ago", file, ABANDONED_AFTER);
            }
        } catch (IOException e) {
            LOG.warn("could not remove abandoned temporary file {}: {}", file, e.toString());
        }
    }

    private Path resolve(ArtifactKey key) {
        if (isStaging(key)) {
            throw new InvalidInputException(
                    "artifact key '" + key + "' leads into the store's staging directory " + STAGING);
        }
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
