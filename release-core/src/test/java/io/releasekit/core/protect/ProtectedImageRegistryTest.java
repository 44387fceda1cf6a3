package io.releasekit.core.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.NotFoundException;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.host.StreamSource;
import io.releasekit.core.image.Descriptor;
import io.releasekit.core.image.ImageConfig;
import io.releasekit.core.image.ImageDigest;
import io.releasekit.core.image.ImageManifest;
import io.releasekit.core.image.ImageRegistries;
import io.releasekit.core.image.ImageRegistry;
import io.releasekit.core.service.ServiceGuards;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The protection decorator of image registries, over a small in-memory registry. */
class ProtectedImageRegistryTest {

    private static final String PROTECTED = "packit/packit-service";
    private static final String SCRATCH = "packit/scratch";

    private final List<PlannedWrite> observed = new ArrayList<>();
    private final MemoryRegistry memory = new MemoryRegistry();
    private ImageRegistry quay;
    private ImageDigest digest;

    @BeforeEach
    void setUp() {
        Protection protection = Protection.of(ProtectionPolicy.of(new ProtectionRule(
                        "quay-packit",
                        new TargetPattern.ImageRepositories("quay", "packit/packit-*"),
                        Set.of(WriteOperation.DELETE),
                        ApprovalPolicy.releaseManagers(2))))
                .withObserver((w, a) -> observed.add(w));
        quay = ImageRegistries.of(
                        Map.of("quay", memory), ServiceGuards.withDefaults(), ImageRegistries.protectedBy(protection))
                .get("quay");
        digest = memory.putManifest(PROTECTED, "old", "application/vnd.oci.image.manifest.v1+json", bytes("a"));
        memory.putManifest(SCRATCH, "old", "application/vnd.oci.image.manifest.v1+json", bytes("a"));
    }

    @Test
    void aDirectDeleteInAProtectedRepositoryNeedsApprovalAndDeletesNothing() {
        assertThatThrownBy(() -> quay.deleteManifest(PROTECTED, digest))
                .isInstanceOf(ApprovalRequiredException.class)
                .hasMessageContaining("registry quay: " + PROTECTED + "@" + digest)
                .hasMessageContaining("'quay-packit'")
                .hasMessageContaining("2 approval(s)");
        assertThatThrownBy(() -> quay.deleteTag(PROTECTED, "old"))
                .isInstanceOf(ApprovalRequiredException.class)
                .hasMessageContaining("registry quay: " + PROTECTED + ":old");

        assertThat(quay.resolve(PROTECTED, "old")).contains(digest);
        assertThat(observed).isEmpty();
    }

    @Test
    void anUnprotectedRepositoryAndNonDeletingWritesPass() {
        quay.deleteManifest(SCRATCH, digest);
        quay.putManifest(PROTECTED, "new", "application/vnd.oci.image.manifest.v1+json", bytes("b"));

        assertThat(quay.resolve(SCRATCH, "old")).isEmpty();
        assertThat(quay.resolve(PROTECTED, "new")).isPresent();
        assertThat(observed)
                .extracting(PlannedWrite::toString)
                .containsExactly(
                        "delete registry quay: " + SCRATCH + "@" + digest,
                        "write registry quay: " + PROTECTED + ":new");
    }

    @Test
    void aRunDeletesWithItsApprovalsWhatItsPlanNamesAndNothingElse() throws Exception {
        PlannedWrite planned = PlannedWrite.imageDelete("quay", PROTECTED, digest.value(), "would delete old");
        WriteAuthority approved = WriteAuthority.run(
                "r1",
                "image.retention",
                "delete",
                "ci",
                List.of(new Approver("alice", "release-manager"), new Approver("bob", "release-manager")),
                List.of(planned));
        WriteAuthority unapproved = WriteAuthority.run(
                "r2",
                "image.retention",
                "delete",
                "ci",
                List.of(new Approver("alice", "release-manager")),
                List.of(planned));

        assertThatThrownBy(() -> unapproved.call(() -> {
                    quay.deleteManifest(PROTECTED, digest);
                    return null;
                }))
                .isInstanceOf(ApprovalRequiredException.class);
        assertThatThrownBy(() -> approved.call(() -> {
                    quay.deleteTag(PROTECTED, "old"); // a tag, not the planned digest
                    return null;
                }))
                .isInstanceOf(UnplannedWriteException.class);
        assertThat(quay.resolve(PROTECTED, "old")).contains(digest);

        approved.call(() -> {
            quay.deleteManifest(PROTECTED, digest);
            return null;
        });

        assertThat(quay.resolve(PROTECTED, "old")).isEmpty();
        assertThat(observed).extracting(PlannedWrite::bare).containsExactly(planned.bare());
    }

    @Test
    void aDryRunThatDeletesIsRefused() {
        List<PlannedWrite> sink = new ArrayList<>();
        WriteAuthority planning = WriteAuthority.planning("r3", "image.retention", "delete", "ci", sink::add);

        assertThatThrownBy(() -> planning.call(() -> {
                    quay.deleteManifest(SCRATCH, digest);
                    return null;
                }))
                .isInstanceOf(UnplannedWriteException.class);
        assertThat(quay.resolve(SCRATCH, "old")).contains(digest);
    }

    @Test
    void imageWritesEncodeAndDecodeAndPatternsMatchByRegistryAndRepositoryGlob() {
        PlannedWrite byDigest = PlannedWrite.imageDelete("quay", PROTECTED, digest.value(), "delete\tit");
        PlannedWrite byTag = PlannedWrite.imageWrite("quay", PROTECTED, "1.0.0", null);

        assertThat(PlannedWrite.decode(byDigest.encode()))
                .isEqualTo(new PlannedWrite(byDigest.target(), byDigest.operation(), "delete it"));
        assertThat(PlannedWrite.decode(byTag.encode())).isEqualTo(byTag);
        TargetPattern p = new TargetPattern.ImageRepositories("quay", "packit/**");
        assertThat(p.matches(new ProtectedTarget.Image("quay", "packit/a/b", "x")))
                .isTrue();
        assertThat(p.matches(new ProtectedTarget.Image("ghcr", "packit/a", "x")))
                .isFalse();
        assertThat(p.matches(new ProtectedTarget.Image("quay", "other/a", "x"))).isFalse();
        assertThat(new TargetPattern.ImageRepositories("quay", "packit/*")
                        .matches(new ProtectedTarget.Image("quay", "packit/a/b", "x")))
                .isFalse();
        assertThatThrownBy(() -> PlannedWrite.decode("delete\timage\tquay\tno-reference\tx"))
                .hasMessageContaining("no-reference");
    }

    private static byte[] bytes(String s) {
        return ("{\"schemaVersion\":2,\"x\":\"" + s + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** Manifests by repository and reference; blobs are not kept. */
    private static final class MemoryRegistry implements ImageRegistry {
        final Map<String, Map<String, ImageDigest>> refs = new LinkedHashMap<>();

        @Override
        public String name() {
            return "quay";
        }

        @Override
        public String host() {
            return "quay.example";
        }

        @Override
        public String service() {
            return "registry:quay.example";
        }

        @Override
        public List<String> listTags(String repository) {
            return refs.getOrDefault(repository, Map.of()).keySet().stream()
                    .filter(r -> !r.startsWith("sha256:"))
                    .toList();
        }

        @Override
        public Optional<ImageManifest> manifest(String repository, String reference) {
            return Optional.empty();
        }

        @Override
        public Optional<ImageDigest> resolve(String repository, String reference) {
            return Optional.ofNullable(refs.getOrDefault(repository, Map.of()).get(reference));
        }

        @Override
        public ImageConfig config(String repository, ImageManifest manifest) {
            return ImageConfig.empty();
        }

        @Override
        public boolean hasBlob(String repository, ImageDigest digest) {
            return false;
        }

        @Override
        public boolean mountBlob(String repository, ImageDigest digest, String fromRepository) {
            return false;
        }

        @Override
        public InputStream openBlob(String repository, ImageDigest digest) {
            throw new NotFoundException("no blob " + digest);
        }

        @Override
        public void pushBlob(String repository, Descriptor blob, StreamSource content) {}

        @Override
        public ImageDigest putManifest(String repository, String reference, String mediaType, byte[] bytes) {
            ImageDigest d;
            try {
                d = ImageDigest.of("sha256:"
                        + HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            Map<String, ImageDigest> m = refs.computeIfAbsent(repository, k -> new LinkedHashMap<>());
            m.put(reference, d);
            m.put(d.value(), d);
            return d;
        }

        @Override
        public boolean supportsTagDelete() {
            return true;
        }

        @Override
        public void deleteTag(String repository, String tag) {
            refs.getOrDefault(repository, new LinkedHashMap<>()).remove(tag);
        }

        @Override
        public void deleteManifest(String repository, ImageDigest digest) {
            refs.getOrDefault(repository, new LinkedHashMap<>()).values().removeIf(digest::equals);
        }
    }
}
