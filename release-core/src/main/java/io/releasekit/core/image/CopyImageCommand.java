package io.releasekit.core.image;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.internal.Parallel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Copies (promotes) an image by digest from one repository to another, in one registry or across two, without local
 * disk: every blob missing in the target is mounted from the source repository when both are in one registry (no
 * layer bytes pass through releasekit), and streamed from source to target otherwise. Manifests are written with their
 * exact bytes, so the digest in the target is the digest in the source; an index is copied with all its children.
 * Then the tags are set on that digest. Copying again is cheap: present blobs and manifests are skipped.
 *
 * <pre>{@code
 * CopyImageReport r = CopyImageCommand.copy(quay, "packit/service-staging", digest)
 *         .to(quay, "packit/service").tags("stable", "2026-12-06").dryRun(false).call();
 * }</pre>
 */
public final class CopyImageCommand {

    private final ImageRegistry source;
    private final String sourceRepository;
    private final ImageDigest digest;
    private ImageRegistry target;
    private String targetRepository;
    private final List<String> tags = new ArrayList<>();
    private boolean dryRun;
    private int parallelism = 4;

    private CopyImageCommand(ImageRegistry source, String sourceRepository, ImageDigest digest) {
        this.source = Objects.requireNonNull(source, "source");
        this.sourceRepository = ImageRepositories.check(sourceRepository);
        this.digest = Objects.requireNonNull(digest, "digest");
    }

    /** A copy of {@code digest} from {@code repository} of {@code source}. */
    public static CopyImageCommand copy(ImageRegistry source, String repository, ImageDigest digest) {
        return new CopyImageCommand(source, repository, digest);
    }

    /** The target registry and repository (required). */
    public CopyImageCommand to(ImageRegistry registry, String repository) {
        this.target = Objects.requireNonNull(registry, "registry");
        this.targetRepository = ImageRepositories.check(repository);
        return this;
    }

    /** Tags to point at the digest in the target. */
    public CopyImageCommand tags(String... names) {
        for (String t : names) {
            tags.add(ImageRepositories.checkTag(t));
        }
        return this;
    }

    /** Tags to point at the digest in the target. */
    public CopyImageCommand tags(List<String> names) {
        return tags(names.toArray(String[]::new));
    }

    /**
     * How many blobs are checked and transferred at once (default 4; 1 copies one after the other). Each transfer is
     * a few requests to the registry, so a mount-only promotion is bound by round trips, not bytes.
     */
    public CopyImageCommand parallelism(int n) {
        if (n < 1 || n > 32) {
            throw new InvalidInputException("parallelism must be 1..32, was " + n);
        }
        this.parallelism = n;
        return this;
    }

    /** Only report what would be copied. */
    public CopyImageCommand dryRun(boolean dryRun) {
        this.dryRun = dryRun;
        return this;
    }

    /**
     * Copies.
     *
     * @throws NotFoundException when the source has no manifest with the digest
     * @throws InvalidInputException when no target was given, or source and target are the same repository
     */
    public CopyImageReport call() {
        if (target == null) {
            throw new InvalidInputException("copy of " + digest + " needs a target: call to(registry, repository)");
        }
        boolean sameRegistry = source.host().equals(target.host());
        if (sameRegistry && sourceRepository.equals(targetRepository) && tags.isEmpty()) {
            throw new InvalidInputException("source and target are both '" + sourceRepository + "' in " + source.host()
                    + " and no tag was asked for: nothing to copy");
        }
        ImageManifest top = source.manifest(sourceRepository, digest.value())
                .orElseThrow(() -> new NotFoundException("no manifest " + digest + " in repository '" + sourceRepository
                        + "' of registry '" + source.name() + "'"));
        Map<ImageDigest, BlobTransfer> blobs = new LinkedHashMap<>();
        List<ImageDigest> written = new ArrayList<>();
        copyManifest(top, sameRegistry, blobs, written);
        for (String tag : tags) {
            if (!dryRun
                    && !target.resolve(targetRepository, tag)
                            .filter(digest::equals)
                            .isPresent()) {
                target.putManifest(targetRepository, tag, top.mediaType(), top.bytes());
            }
        }
        return new CopyImageReport(
                source.name() + "/" + sourceRepository + "@" + digest,
                target.name() + "/" + targetRepository,
                digest,
                List.copyOf(blobs.values()),
                written,
                tags,
                dryRun);
    }

    private void copyManifest(
            ImageManifest m, boolean sameRegistry, Map<ImageDigest, BlobTransfer> blobs, List<ImageDigest> written) {
        for (Descriptor child : m.manifests()) {
            ImageManifest cm = source.manifest(sourceRepository, child.digest().value())
                    .orElseThrow(() -> new NotFoundException("index " + m.digest() + " names manifest " + child.digest()
                            + ", which repository '" + sourceRepository + "' does not have"));
            copyManifest(cm, sameRegistry, blobs, written);
        }
        List<Descriptor> todo = m.blobs().stream()
                .filter(b -> !blobs.containsKey(b.digest()))
                .distinct()
                .toList();
        for (BlobTransfer t : Parallel.map(
                todo, parallelism, "releasekit-image-copy", b -> new BlobTransfer(b, copyBlob(b, sameRegistry)))) {
            blobs.put(t.blob().digest(), t);
        }
        if (target.resolve(targetRepository, m.digest().value()).isPresent()) {
            return;
        }
        if (!dryRun) {
            ImageDigest stored = target.putManifest(targetRepository, m.digest().value(), m.mediaType(), m.bytes());
            if (!stored.equals(m.digest())) {
                throw new IllegalStateException("target stored manifest " + m.digest() + " as " + stored);
            }
        }
        written.add(m.digest());
    }

    private BlobTransfer.How copyBlob(Descriptor blob, boolean sameRegistry) {
        if (target.hasBlob(targetRepository, blob.digest())) {
            return BlobTransfer.How.PRESENT;
        }
        if (dryRun) {
            return BlobTransfer.How.WOULD_COPY;
        }
        if (sameRegistry && target.mountBlob(targetRepository, blob.digest(), sourceRepository)) {
            return BlobTransfer.How.MOUNTED;
        }
        target.pushBlob(targetRepository, blob, () -> source.openBlob(sourceRepository, blob.digest()));
        return BlobTransfer.How.STREAMED;
    }
}
