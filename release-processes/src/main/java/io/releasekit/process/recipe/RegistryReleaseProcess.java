package io.releasekit.process.recipe;

import io.releasekit.core.ConflictException;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactManifest;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.artifact.DigestAlgorithm;
import io.releasekit.core.artifact.ManifestEntry;
import io.releasekit.core.artifact.ObjectInfo;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.process.ParameterBlocks;
import io.releasekit.process.github.GitHubReleaseProcess;
import io.releasekit.process.github.GitHubReleaseToStageProcess;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code registry.release} (seed 001, the CloudFormation community registry): one run that does what the maintainers
 * do by hand — a GitHub release numbered from the last one ({@code release-0.1.1} → {@code release-0.1.2}) with notes
 * from the merged pull requests, then the release's source zip copied, verified, into the beta stage, with a
 * {@code SHA256SUMS} next to it so that {@code artifacts.promote} can later verify and move it beta → prod once the
 * beta gate is recorded.
 *
 * <p>Steps: {@code plan-release}, {@code create-release}, {@code release-notes} (the steps of {@code github.release},
 * published), {@code locate-source}, {@code copy-to-stage} (the steps of {@code github.release-to-stage}, with the tag
 * the first steps computed), {@code write-stage-manifest} (writes {@code SHA256SUMS} last; skipped when identical).
 *
 * <p>Without {@code store} the run ends once the release is published: the copy is then left to GitHub's
 * {@code release}/{@code published} webhook, whose trigger starts {@link RegistryStageProcess registry.stage} (the last
 * three steps alone). In a dry run the release does not exist yet, so the stage steps only plan the copy.
 */
public final class RegistryReleaseProcess implements ProcessDefinition {

    /** The kind. */
    public static final String KIND = "registry.release";

    /** The manifest written next to the staged zip. */
    public static final String MANIFEST = "SHA256SUMS";

    private final GitHubReleaseProcess release;
    private final GitHubReleaseToStageProcess toStage;
    private final Supplier<ArtifactStores> stores;

    /**
     * The recipe over the two primitives.
     *
     * @param release the {@code github.release} process
     * @param toStage the {@code github.release-to-stage} process
     * @param stores the configured stores, looked up when a run is planned
     */
    public RegistryReleaseProcess(
            GitHubReleaseProcess release, GitHubReleaseToStageProcess toStage, Supplier<ArtifactStores> stores) {
        this.release = release;
        this.toStage = toStage;
        this.stores = stores;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "GitHub release numbered from the last one with notes, its source zip copied verified into a stage"
                + " store with a SHA256SUMS (seed 001)";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.builder()
                .with(ParameterBlocks.REPOSITORY)
                .with(ParameterBlocks.release("tagPrefix"))
                .string("notes", false, "release notes in Markdown; default: composed from merged pull requests")
                .strings("excludeLabels", false, "pull requests with these labels stay out of the notes")
                .string(
                        "store",
                        false,
                        "configured artifact store of the stage the zip goes to, e.g. beta; without it the run ends"
                                + " once the release is published (a webhook trigger starts registry.stage)")
                .string("stagePrefix", false, "key prefix in the stage store; '{tag}' is replaced by the tag")
                .string("asset", false, "copy this release asset instead of the source zip")
                .build();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        Map<String, Object> releaseParams = new HashMap<>();
        releaseParams.put("prefix", p.optionalString("tagPrefix").orElse(null));
        releaseParams.put("publish", true);
        Map<String, Object> planned = new HashMap<>(p.asMap());
        planned.putAll(releaseParams);
        List<Step> steps = new ArrayList<>();
        for (Step s : release.steps(RunParameters.of(planned))) {
            steps.add(new MappedStep(s, releaseParams, Map.of()));
        }
        if (p.optionalString("store").isPresent()) {
            steps.addAll(stageSteps(toStage, stores.get(), p, true));
        }
        return steps;
    }

    /**
     * The steps of {@code github.release-to-stage} (tag from an earlier step's output or the {@code tag} parameter,
     * {@code stagePrefix} with {@code {tag}} replaced, never overwriting), then {@code write-stage-manifest}.
     *
     * @param afterRelease whether the release steps of this recipe come first (a dry run then only plans the copy of
     *     a release that is not published yet)
     */
    static List<Step> stageSteps(
            GitHubReleaseToStageProcess toStage, ArtifactStores stores, RunParameters p, boolean afterRelease) {
        Map<String, Object> stagePlan = new HashMap<>(p.asMap());
        stagePlan.put("tag", p.optionalString("tag").orElse("release-0.0.0")); // checked again once computed
        stagePlan.put(
                "prefix",
                p.optionalString("stagePrefix")
                        .map(x -> x.replace("{tag}", "pending"))
                        .orElse(null));
        stagePlan.put("overwrite", false);
        // staged: the zip reaches its final key only after it and its SHA256SUMS were verified in the store, so a
        // pipeline triggered by the bucket never starts on bytes releasekit has not verified
        stagePlan.put("staged", true);
        ArtifactStore store = stores.get(p.string("store"));
        List<Step> steps = new ArrayList<>();
        for (Step s : toStage.steps(RunParameters.of(stagePlan))) {
            steps.add(new StageStep(s, p, store, afterRelease));
        }
        steps.add(new ManifestStep(store));
        return steps;
    }

    /** A step of github.release-to-stage that sees the computed tag and the stage prefix with the tag in it. */
    private static final class StageStep implements Step {
        private final Step step;
        private final RunParameters recipe;
        private final ArtifactStore store;
        private final boolean afterRelease;

        StageStep(Step step, RunParameters recipe, ArtifactStore store, boolean afterRelease) {
            this.step = step;
            this.recipe = recipe;
            this.store = store;
            this.afterRelease = afterRelease;
        }

        @Override
        public String name() {
            return step.name();
        }

        @Override
        public List<ServiceNeed> services() {
            return step.services();
        }

        @Override
        public boolean writes() {
            return step.writes();
        }

        @Override
        public StepOutcome execute(StepContext ctx) throws Exception {
            String tag = ctx.output("tag").orElseGet(() -> recipe.string("tag"));
            String prefix = recipe.optionalString("stagePrefix")
                    .map(x -> x.replace("{tag}", tag))
                    .orElse(null);
            if (afterRelease && ctx.dryRun() && !ctx.output("draft").equals(Optional.of("false"))) {
                // create-release and release-notes only planned: there is no published release to read yet
                String what =
                        recipe.optionalString("asset").map(a -> "asset " + a).orElse("source zip");
                if (!step.writes()) {
                    return StepOutcome.succeeded("release " + tag + " is not published yet (dry run); its " + what
                            + " is located once it is");
                }
                String plan = "would copy the " + what + " of release " + tag + ", once published, to "
                        + store.location() + (prefix == null ? "" : " " + prefix);
                ctx.plan(plan);
                // its key (and the manifest's next to it) is known once the release is: plan the prefix
                store.planPutsBelow(prefix == null ? "" : prefix);
                return StepOutcome.succeeded(plan);
            }
            Map<String, Object> fixed = new LinkedHashMap<>();
            fixed.put("tag", tag);
            fixed.put("prefix", prefix);
            fixed.put("overwrite", false);
            fixed.put("staged", true); // moved into place by write-stage-manifest once verified
            return new MappedStep(step, fixed, Map.of()).execute(ctx);
        }
    }

    /** Writes SHA256SUMS for the staged file next to it, last, so a stage pipeline never sees a half release. */
    private static final class ManifestStep implements Step {
        private final ArtifactStore store;

        ManifestStep(ArtifactStore store) {
            this.store = store;
        }

        @Override
        public String name() {
            return "write-stage-manifest";
        }

        @Override
        public List<ServiceNeed> services() {
            return store.service().map(s -> List.of(ServiceNeed.strict(s))).orElse(List.of());
        }

        @Override
        public StepOutcome execute(StepContext ctx) throws Exception {
            String staged = ctx.output("key").orElse(null);
            String sha = ctx.output("sha256").orElse("");
            if (staged == null || sha.isEmpty()) {
                if (ctx.dryRun()) {
                    if (staged != null) { // its digest is known once it is copied; its key is known now
                        store.planPut(ArtifactKey.of(staged.substring(0, staged.lastIndexOf('/') + 1) + MANIFEST));
                    }
                    ctx.plan("would write " + MANIFEST + " next to the staged file in " + store.location());
                    return StepOutcome.succeeded("would write " + MANIFEST);
                }
                throw new IllegalStateException("copy-to-stage reported no key and digest");
            }
            int slash = staged.lastIndexOf('/');
            String dir = slash < 0 ? "" : staged.substring(0, slash + 1);
            String name = staged.substring(slash + 1);
            long size = Long.parseLong(ctx.output("size").orElse("0"));
            byte[] sums = ArtifactManifest.of(DigestAlgorithm.SHA256, List.of(ManifestEntry.of(name, sha, size)))
                    .toSums();
            String sumsSha = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(sums));
            ArtifactKey key = ArtifactKey.of(dir + MANIFEST);
            String where = store.location() + " " + key.value();
            Optional<ArtifactKey> stagedKey = ctx.output(GitHubReleaseToStageProcess.STAGED_KEY)
                    .filter(k -> !k.isEmpty())
                    .map(ArtifactKey::of);
            ObjectInfo stagedCopy = ctx.dryRun()
                    ? null
                    : stagedKey.map(k -> verifiedStaged(k, sha, size)).orElse(null);
            Optional<ObjectInfo> existing = store.stat(key);
            boolean present = existing.isPresent() && sameContent(ctx, existing.get(), key, sums, sumsSha);
            if (present && stagedCopy == null) {
                return StepOutcome.skipped(MANIFEST + " is already at " + where, Map.of("manifest", key.value()));
            }
            if (ctx.dryRun()) {
                ctx.plan("would write " + where + " listing " + name);
                store.planPut(key);
                return StepOutcome.succeeded("would write " + where);
            }
            if (!present) {
                store.put(key, new ByteArrayInputStream(sums), sums.length, sumsSha); // in memory: a retry rewinds it
                if (!sameContent(ctx, store.stat(key).orElseThrow(), key, sums, sumsSha)) {
                    throw new ConflictException(where + " does not hold the " + MANIFEST + " just written; " + name
                            + " stays at its staged key");
                }
            }
            if (stagedCopy == null) {
                return StepOutcome.succeeded("wrote " + where + " listing " + name, Map.of("manifest", key.value()));
            }
            // the zip reaches its final key only now: after it and its SHA256SUMS were verified in the store
            store.move(stagedCopy, ArtifactKey.of(staged));
            return StepOutcome.succeeded(
                    (present ? "" : "wrote " + where + " listing " + name + ", then ") + "moved the verified " + name
                            + " into place from " + stagedKey.get(),
                    Map.of("manifest", key.value()));
        }

        /**
         * The staged copy, read back and hashed: it must have the size and SHA-256 the copy step reported.
         *
         * @throws ConflictException when it does not (it is left at its staged key, never moved into place)
         */
        private ObjectInfo verifiedStaged(ArtifactKey stagedKey, String sha, long size) {
            ObjectInfo info = store.stat(stagedKey)
                    .orElseThrow(() -> new ConflictException("the staged copy '" + stagedKey + "' is gone from "
                            + store.location() + "; run the copy again"));
            String actual = store.read(stagedKey, in -> {
                MessageDigest md = DigestAlgorithm.SHA256.newDigest();
                in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), md));
                return HexFormat.of().formatHex(md.digest());
            });
            if (info.size() != size || !actual.equals(sha)) {
                throw new ConflictException("the staged copy '" + stagedKey + "' in " + store.location() + " has "
                        + info.size() + " bytes with SHA-256 " + actual + ", expected " + size + " bytes with " + sha
                        + "; it was not moved into place");
            }
            return info.withSha256(sha);
        }

        private boolean sameContent(StepContext ctx, ObjectInfo info, ArtifactKey key, byte[] sums, String sha)
                throws Exception {
            if (info.sha256().isPresent()) {
                return info.sha256().get().equals(sha);
            }
            if (info.size() != sums.length) {
                return false;
            }
            byte[] there = store.read(key, in -> in.readNBytes(sums.length + 1));
            return java.util.Arrays.equals(sums, there);
        }
    }
}
