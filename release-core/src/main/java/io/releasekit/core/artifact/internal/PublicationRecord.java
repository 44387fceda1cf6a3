package io.releasekit.core.artifact.internal;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ObjectInfo;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a publication verified, written at the destination next to the manifest ({@code SHA256SUMS.releasekit.json})
 * just before it: per artifact its size, SHA-256 and the entity tags (S3 ETags) of the source and destination objects
 * that were verified to have it. A rerun lists both locations and trusts an artifact whose listed size and entity tags
 * are still the recorded ones, without a request per object. It is an aid, never the authority: a record that is
 * missing, unreadable, or made for another manifest is ignored (the objects are then checked one by one).
 *
 * @param manifestSha256 the SHA-256 of the manifest the record belongs to
 * @param objects per artifact name (relative to the locations)
 */
public record PublicationRecord(String manifestSha256, Map<String, Entry> objects) {

    private static final int MAX_BYTES = 64 << 20;

    /**
     * One artifact.
     *
     * @param size bytes
     * @param sha256 the verified SHA-256
     * @param source the source object's entity tag when it was verified
     * @param destination the destination object's entity tag when it was verified
     */
    public record Entry(long size, String sha256, String source, String destination) {}

    public PublicationRecord {
        objects = Map.copyOf(objects);
    }

    /** The largest record read. */
    public static int maxBytes() {
        return MAX_BYTES;
    }

    /** The vouched objects at the source ({@code source = true}) or the destination, for the verifier. */
    public Map<String, ObjectInfo> vouched(String prefix, boolean source) {
        Map<String, ObjectInfo> out = new LinkedHashMap<>();
        objects.forEach((name, e) -> out.put(
                name,
                new ObjectInfo(
                        ArtifactKey.of(prefix + name),
                        e.size(),
                        Optional.of(e.sha256()),
                        Optional.empty(),
                        Optional.of(source ? e.source() : e.destination()))));
        return out;
    }

    /** The record as JSON. */
    public byte[] toJson() {
        StringBuilder b = new StringBuilder(128 + objects.size() * 200);
        b.append("{\"manifestSha256\":")
                .append(StrictJson.quote(manifestSha256))
                .append(",\"objects\":[");
        boolean first = true;
        for (var o : objects.entrySet()) {
            b.append(first ? "\n" : ",\n");
            first = false;
            Entry e = o.getValue();
            b.append("{\"name\":")
                    .append(StrictJson.quote(o.getKey()))
                    .append(",\"size\":")
                    .append(e.size())
                    .append(",\"sha256\":")
                    .append(StrictJson.quote(e.sha256()))
                    .append(",\"source\":")
                    .append(StrictJson.quote(e.source()))
                    .append(",\"destination\":")
                    .append(StrictJson.quote(e.destination()))
                    .append('}');
        }
        return b.append("\n]}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a record; empty when it does not parse as one (it is then ignored). */
    public static Optional<PublicationRecord> parse(byte[] json) {
        try {
            if (!(StrictJson.parse(new String(json, StandardCharsets.UTF_8), "publication record")
                            instanceof Map<?, ?> m)
                    || !(m.get("manifestSha256") instanceof String sha)
                    || !(m.get("objects") instanceof List<?> list)) {
                return Optional.empty();
            }
            Map<String, Entry> objects = new LinkedHashMap<>();
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> o)
                        || !(o.get("name") instanceof String name)
                        || !(o.get("size") instanceof BigDecimal size)
                        || !(o.get("sha256") instanceof String digest)
                        || !(o.get("source") instanceof String source)
                        || !(o.get("destination") instanceof String destination)) {
                    return Optional.empty();
                }
                objects.put(
                        name, new Entry(size.longValueExact(), ObjectInfo.requireSha256(digest), source, destination));
            }
            return Optional.of(new PublicationRecord(ObjectInfo.requireSha256(sha), objects));
        } catch (InvalidInputException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
