package io.releasekit.core.host;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.artifact.ObjectInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A file to attach to a release. The size is known up front so the upload streams with a {@code Content-Length};
 * the SHA-256, when given, is compared with the digest the host computes and makes a repeated upload a no-op.
 *
 * @param name the asset's file name
 * @param contentType its media type
 * @param size its exact size in bytes
 * @param sha256 its SHA-256, when known
 * @param content where the bytes come from
 */
public record AssetUpload(String name, String contentType, long size, Optional<String> sha256, StreamSource content) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._+@-][A-Za-z0-9._+@ -]{0,254}");

    public AssetUpload {
        if (name == null || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new InvalidInputException("asset name '" + name
                    + "' is refused: use 1-255 letters, digits, spaces and . _ + @ - (no path separators)");
        }
        contentType = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        if (size < 0) {
            throw new InvalidInputException("asset '" + name + "' has a negative size: " + size);
        }
        sha256 = Objects.requireNonNull(sha256, "sha256");
        sha256.ifPresent(ObjectInfo::requireSha256);
        Objects.requireNonNull(content, "content");
    }

    /**
     * An upload of a file, named after it; reads the file once to compute its SHA-256.
     *
     * @throws InvalidInputException when the file cannot be read
     */
    public static AssetUpload ofFile(Path file, String contentType) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long size;
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
                size = in.transferTo(OutputStream.nullOutputStream());
            }
            return new AssetUpload(
                    file.getFileName().toString(),
                    contentType,
                    size,
                    Optional.of(HexFormat.of().formatHex(md.digest())),
                    StreamSource.of(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read asset file " + file + ": " + e.getMessage(), e);
        }
    }
}
