package io.releasekit.api;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The service's data directory, {@code releasekit.data-dir} (default {@code ./data}): the embedded H2 database and
 * the generated admin token live there. It must be absolute or start with {@code ./} because H2 refuses database paths
 * that are implicitly relative.
 */
@Singleton
public class DataDirectory {

    private final Path path;

    public DataDirectory(@Value("${releasekit.data-dir:./data}") String configured) {
        this.path = resolve(configured);
    }

    /** The absolute, normalised directory (not created yet). */
    public Path path() {
        return path;
    }

    /** The directory, created with its parents if missing (owner-only where the file system has POSIX modes). */
    public Path create() {
        try {
            if (!Files.isDirectory(path)
                    && path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return Files.createDirectories(
                        path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create releasekit.data-dir " + path, e);
        }
    }

    static Path resolve(String configured) {
        if (configured == null || configured.isBlank()) {
            throw new IllegalArgumentException("releasekit.data-dir is empty");
        }
        Path p = Path.of(configured);
        if (!p.isAbsolute() && !configured.startsWith("./") && !configured.startsWith("../")) {
            throw new IllegalArgumentException("releasekit.data-dir '" + configured
                    + "' must be an absolute path or start with ./ (H2 refuses implicitly relative paths)");
        }
        return p.toAbsolutePath().normalize();
    }
}
