package io.releasekit.registry.testkit;

import io.releasekit.core.image.Descriptor;
import io.releasekit.core.image.ImageDigest;
import io.releasekit.core.image.ImageManifest;
import io.releasekit.core.image.ImageRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/** Builds small images in Java (config + layer blobs of random bytes) and pushes them with the adapter itself. */
public final class TestImages {

    private TestImages() {}

    /** An image pushed: its manifest digest and the blobs. */
    public record Pushed(ImageDigest digest, String mediaType, List<Descriptor> blobs, byte[] manifest) {}

    /** Pushes an OCI image of {@code layers} layers of {@code layerSize} bytes, tagged {@code tag}. */
    public static Pushed push(
            ImageRegistry r,
            String repo,
            String tag,
            int layers,
            int layerSize,
            long seed,
            Instant created,
            Map<String, String> labels) {
        return push(r, repo, tag, layers, layerSize, seed, created, labels, ImageManifest.OCI_MANIFEST);
    }

    /** Pushes an image with the given manifest media type (OCI or Docker v2 schema 2). */
    public static Pushed push(
            ImageRegistry r,
            String repo,
            String tag,
            int layers,
            int layerSize,
            long seed,
            Instant created,
            Map<String, String> labels,
            String mediaType) {
        boolean docker = mediaType.equals(ImageManifest.DOCKER_MANIFEST);
        String labelJson = labels.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(","));
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"" + created
                        + "\",\"config\":{\"Labels\":{" + labelJson + "}},\"rootfs\":{\"type\":\"layers\","
                        + "\"diff_ids\":[]},\"seed\":" + seed + "}")
                .getBytes(StandardCharsets.UTF_8);
        Descriptor cfg = blob(
                r,
                repo,
                config,
                docker ? "application/vnd.docker.container.image.v1+json" : "application/vnd.oci.image.config.v1+json");
        List<Descriptor> blobs = new ArrayList<>(List.of(cfg));
        Random random = new Random(seed);
        for (int i = 0; i < layers; i++) {
            byte[] data = new byte[layerSize];
            random.nextBytes(data);
            blobs.add(blob(
                    r,
                    repo,
                    data,
                    docker
                            ? "application/vnd.docker.image.rootfs.diff.tar.gzip"
                            : "application/vnd.oci.image.layer.v1.tar+gzip"));
        }
        String layersJson =
                blobs.subList(1, blobs.size()).stream().map(TestImages::json).collect(Collectors.joining(","));
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"config\":" + json(cfg)
                        + ",\"layers\":[" + layersJson + "]}")
                .getBytes(StandardCharsets.UTF_8);
        ImageDigest d = r.putManifest(repo, tag, mediaType, manifest);
        return new Pushed(d, mediaType, blobs, manifest);
    }

    /** Pushes an OCI index of the given manifests (already in the repository), tagged {@code tag}. */
    public static Pushed pushIndex(ImageRegistry r, String repo, String tag, List<Pushed> children) {
        String[] platforms = {"amd64", "arm64", "s390x", "ppc64le"};
        StringBuilder b = new StringBuilder(
                "{\"schemaVersion\":2,\"mediaType\":\"" + ImageManifest.OCI_INDEX + "\",\"manifests\":[");
        for (int i = 0; i < children.size(); i++) {
            Pushed c = children.get(i);
            b.append(i == 0 ? "" : ",")
                    .append("{\"mediaType\":\"")
                    .append(c.mediaType())
                    .append("\",\"digest\":\"")
                    .append(c.digest())
                    .append("\",\"size\":")
                    .append(c.manifest().length)
                    .append(",\"platform\":{\"os\":\"linux\",\"architecture\":\"")
                    .append(platforms[i % platforms.length])
                    .append("\"}}");
        }
        byte[] index = b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        ImageDigest d = r.putManifest(repo, tag, ImageManifest.OCI_INDEX, index);
        return new Pushed(d, ImageManifest.OCI_INDEX, List.of(), index);
    }

    /** Uploads one blob unless it is there. */
    public static Descriptor blob(ImageRegistry r, String repo, byte[] data, String mediaType) {
        Descriptor d = new Descriptor(mediaType, sha256(data), data.length);
        if (!r.hasBlob(repo, d.digest())) {
            r.pushBlob(repo, d, () -> new ByteArrayInputStream(data));
        }
        return d;
    }

    /** The sha256 digest of bytes. */
    public static ImageDigest sha256(byte[] data) {
        try {
            return ImageDigest.of("sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Descriptor d) {
        return "{\"mediaType\":\"" + d.mediaType() + "\",\"digest\":\"" + d.digest() + "\",\"size\":" + d.size() + "}";
    }
}
