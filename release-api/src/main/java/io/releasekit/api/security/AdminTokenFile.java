package io.releasekit.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin token of an instance started with no token configured: {@code rk_} + 32 random bytes in base64url, in
 * {@code <data-dir>/admin-token} with mode 0600. The file is written completely under a temporary name created with
 * mode 0600 and then linked into place, so no reader ever sees it half written or readable by others, and two
 * processes starting at once agree on one token. A later start reuses the file.
 */
public final class AdminTokenFile {

    /** The file name inside the data directory. */
    public static final String FILE_NAME = "admin-token";

    /** Every generated token starts with this, so it is easy to recognise in a secret scanner. */
    public static final String PREFIX = "rk_";

    private static final Logger LOG = LoggerFactory.getLogger(AdminTokenFile.class);
    private static final Pattern FORMAT = Pattern.compile("rk_[A-Za-z0-9_-]{43}");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;

    /** The admin token file in a data directory. */
    public AdminTokenFile(Path dataDirectory) {
        this.file = dataDirectory.resolve(FILE_NAME);
    }

    /** Where the token is. */
    public Path path() {
        return file;
    }

    /** A new random token. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The token in the file, creating the file with a new token when there is none.
     *
     * @throws IllegalStateException when the file exists but holds no token of the expected form
     */
    public String readOrCreate() {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                create(generate());
                LOG.warn(
                        "no API token configured: generated an admin token in {} (mode 0600). "
                                + "Read it from there; configure releasekit.security.tokens to replace it.",
                        file);
            } else {
                LOG.info("no API token configured: using the admin token in {}", file);
            }
            return read();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the admin token file " + file, e);
        }
    }

    private void create(String token) throws IOException {
        boolean posix = supportsPosix();
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(file.getParent(), ".admin-token", ".tmp", attrs);
        try {
            Files.writeString(tmp, token + "\n", StandardCharsets.US_ASCII);
            try {
                Files.createLink(file, tmp); // atomic, never replaces: a concurrent starter's token wins
            } catch (FileAlreadyExistsException raced) {
                LOG.debug("admin token file {} was created concurrently; using it", file);
            } catch (UnsupportedOperationException noLinks) {
                Files.move(tmp, file); // fails if the file appeared meanwhile, which is what we want
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private String read() throws IOException {
        if (supportsPosix()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(perms)) {
                LOG.warn(
                        "the admin token file {} is readable by others ({}); chmod 600 it",
                        file,
                        PosixFilePermissions.toString(perms));
            }
        }
        String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!FORMAT.matcher(token).matches()) {
            throw new IllegalStateException(
                    "the admin token file " + file
                            + " does not hold a token of the form rk_<43 base64url characters>; delete it to generate a new one");
        }
        return token;
    }

    private boolean supportsPosix() {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
