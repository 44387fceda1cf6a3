package io.releasekit.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.image.Descriptor;
import io.releasekit.core.image.ImageConfig;
import io.releasekit.core.image.ImageDigest;
import io.releasekit.core.image.ImageManifest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads manifests and image configs. Not API. */
public final class Manifests {

    private Manifests() {}

    /** The sha256 digest of bytes. */
    public static ImageDigest sha256(byte[] bytes) {
        try {
            return ImageDigest.of("sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Parses a manifest.
     *
     * @param bytes the bytes as served
     * @param contentType the {@code Content-Type} answered, if any
     * @param where for messages
     */
    public static ImageManifest parse(byte[] bytes, Optional<String> contentType, String where) {
        JsonNode json = Json.parse(bytes, "manifest of " + where);
        String mediaType = contentType
                .map(t -> t.split(";")[0].strip())
                .filter(ImageManifest.MEDIA_TYPES::contains)
                .orElseGet(() -> json.path("mediaType").asText(""));
        if (mediaType.isEmpty()) {
            mediaType = json.has("manifests") ? ImageManifest.OCI_INDEX : ImageManifest.OCI_MANIFEST;
        }
        if (!ImageManifest.MEDIA_TYPES.contains(mediaType)) {
            throw new InvalidInputException("manifest of " + where + " has media type '" + mediaType
                    + "'; releasekit reads OCI manifests and indexes and Docker v2 schema 2 manifests and lists");
        }
        Optional<Descriptor> config =
                json.has("config") ? Optional.of(descriptor(json.get("config"))) : Optional.empty();
        return new ImageManifest(
                sha256(bytes),
                mediaType,
                bytes,
                config,
                descriptors(json.path("layers")),
                descriptors(json.path("manifests")));
    }

    /** The child manifest an image's config is read from: linux/amd64 when the index names it, else the first. */
    public static Optional<ImageDigest> preferredChild(ImageManifest index, byte[] bytes) {
        JsonNode json = Json.parse(bytes, "index " + index.digest());
        JsonNode first = null;
        for (JsonNode m : json.path("manifests")) {
            if (first == null) {
                first = m;
            }
            JsonNode p = m.path("platform");
            if (p.path("os").asText("").equals("linux")
                    && p.path("architecture").asText("").equals("amd64")) {
                return Optional.of(ImageDigest.of(m.path("digest").asText()));
            }
        }
        return Optional.ofNullable(first)
                .map(m -> ImageDigest.of(m.path("digest").asText()));
    }

    /** Reads the build time and labels of an image config blob. */
    public static ImageConfig config(byte[] bytes, String where) {
        JsonNode json = Json.parse(bytes, "image config of " + where);
        Optional<Instant> created = Optional.empty();
        if (json.path("created").isTextual()) {
            try {
                created = Optional.of(
                        OffsetDateTime.parse(json.get("created").asText()).toInstant());
            } catch (DateTimeParseException ignored) {
                // an unreadable time is an unknown time: retention keeps such images
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        json.path("config").path("Labels").fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                labels.put(e.getKey(), e.getValue().asText());
            }
        });
        return new ImageConfig(created, labels);
    }

    private static List<Descriptor> descriptors(JsonNode array) {
        List<Descriptor> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(descriptor(n));
        }
        return out;
    }

    private static Descriptor descriptor(JsonNode n) {
        return new Descriptor(
                n.path("mediaType").asText("application/octet-stream"),
                ImageDigest.of(n.path("digest").asText()),
                n.path("size").asLong(0));
    }
}
