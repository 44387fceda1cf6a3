package io.releasekit.process.image;

import io.releasekit.core.NotFoundException;
import io.releasekit.core.image.BlobTransfer;
import io.releasekit.core.image.CopyImageCommand;
import io.releasekit.core.image.CopyImageReport;
import io.releasekit.core.image.ImageDigest;
import io.releasekit.core.image.ImageRegistries;
import io.releasekit.core.image.ImageRegistry;
import io.releasekit.core.image.ImageRepositories;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import java.util.List;
import java.util.Map;

/**
 * {@code image.promote}: promote an image by digest from one repository to another (in one registry: blobs mounted,
 * no layer byte through releasekit; across registries: streamed), then point tags at it.
 *
 * <ol>
 *   <li>{@code resolve}: the source tag or digest to a digest (output {@code digest}), so a tag moved during the run
 *       changes nothing;
 *   <li>{@code copy}: blobs, manifests (byte for byte) and tags; a dry run lists the blobs it would copy.
 * </ol>
 */
public final class ImagePromoteProcess implements ProcessDefinition {

    /** The kind. */
    public static final String KIND = "image.promote";

    private final ImageRegistries registries;

    /** The process over the configured registries. */
    public ImagePromoteProcess(ImageRegistries registries) {
        this.registries = registries;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Image promotion by digest: blob mount within a registry, streaming across registries, then tags";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.builder()
                .string("registry", true, "configured source registry")
                .string("repository", true, "source repository, e.g. packit/packit-service-staging")
                .string("reference", true, "source tag or digest")
                .string("targetRegistry", false, "configured target registry (default: the source registry)")
                .string("targetRepository", true, "target repository")
                .strings("tags", false, "tags to set on the digest in the target")
                .build();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        ImageRegistry source = registries.get(p.string("registry"));
        ImageRegistry target = registries.get(p.optionalString("targetRegistry").orElse(p.string("registry")));
        String from = ImageRepositories.check(p.string("repository"));
        String to = ImageRepositories.check(p.string("targetRepository"));
        String reference = ImageRepositories.checkReference(p.string("reference"));
        List<String> tags =
                p.strings("tags").stream().map(ImageRepositories::checkTag).toList();
        return List.of(new ResolveStep(source, from, reference), new CopyStep(source, from, target, to, tags));
    }

    private record ResolveStep(ImageRegistry source, String repository, String reference) implements Step {
        @Override
        public String name() {
            return "resolve";
        }

        @Override
        public List<ServiceNeed> services() {
            return List.of(ServiceNeed.strict(source.service()));
        }

        @Override
        public boolean writes() {
            return false;
        }

        @Override
        public StepOutcome execute(StepContext ctx) {
            ImageDigest d = source.resolve(repository, reference)
                    .orElseThrow(() -> new NotFoundException(
                            "no image '" + repository + ":" + reference + "' in registry '" + source.name() + "'"));
            return StepOutcome.succeeded(repository + ":" + reference + " is " + d, Map.of("digest", d.value()));
        }
    }

    private record CopyStep(ImageRegistry source, String from, ImageRegistry target, String to, List<String> tags)
            implements Step {
        @Override
        public String name() {
            return "copy";
        }

        @Override
        public List<ServiceNeed> services() {
            return List.of(ServiceNeed.strict(source.service()), ServiceNeed.strict(target.service()));
        }

        @Override
        public StepOutcome execute(StepContext ctx) {
            ImageDigest digest = ImageDigest.of(ctx.output("digest").orElseThrow());
            CopyImageReport r = CopyImageCommand.copy(source, from, digest)
                    .to(target, to)
                    .tags(tags)
                    .dryRun(ctx.dryRun())
                    .call();
            if (ctx.dryRun()) {
                if (r.count(BlobTransfer.How.WOULD_COPY) > 0 || !r.manifests().isEmpty()) {
                    ctx.plan("copy " + r.count(BlobTransfer.How.WOULD_COPY) + " blob(s) and "
                            + r.manifests().size() + " manifest(s) of " + digest + " to " + r.target());
                }
                // the structured writes: each manifest stored by its digest, each tag not already at the digest
                r.manifests()
                        .forEach(m -> ctx.plan(PlannedWrite.imageWrite(
                                target.name(), to, m.value(), "put manifest " + m + " into " + r.target())));
                for (String t : tags) {
                    if (!target.resolve(to, t).filter(digest::equals).isPresent()) {
                        ctx.plan(PlannedWrite.imageWrite(
                                target.name(), to, t, "tag " + r.target() + ":" + t + " -> " + digest));
                    } else {
                        ctx.plan("tag " + r.target() + ":" + t + " already names " + digest);
                    }
                }
            }
            ctx.progress(r.blobs().size(), r.blobs().size(), r.bytesStreamed());
            String summary = (ctx.dryRun() ? "would promote " : "promoted ") + r.source() + " to " + r.target()
                    + tags.stream().map(t -> ":" + t).reduce("", String::concat) + ": "
                    + r.count(BlobTransfer.How.MOUNTED) + " blob(s) mounted, " + r.count(BlobTransfer.How.STREAMED)
                    + " streamed (" + r.bytesStreamed() + " bytes), " + r.count(BlobTransfer.How.PRESENT)
                    + " present";
            return StepOutcome.succeeded(
                    summary, Map.of("digest", digest.value(), "bytesStreamed", String.valueOf(r.bytesStreamed())));
        }
    }
}
