package io.releasekit.process.github;

import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.artifact.ObjectInfo;
import io.releasekit.core.artifact.StagedKeys;
import io.releasekit.core.host.ArchiveFormat;
import io.releasekit.core.host.Asset;
import io.releasekit.core.host.Download;
import io.releasekit.core.host.Release;
import io.releasekit.core.host.ReleaseHost;
import io.releasekit.core.host.ReleaseHosts;
import io.releasekit.core.host.Releases;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.scm.RefNames;
import io.releasekit.process.ParameterBlocks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code github.release-to-stage}: copies a GitHub release's source archive (zipball) or one of its assets into a
 * stage location — a configured {@link ArtifactStore} and key prefix — verified (seed 001's {@code release.sh}: the
 * release zip from GitHub into the beta pipeline bucket). Steps:
 *
 * <ol>
 *   <li>{@code locate-source} (reads; strict on {@code github}): the release must exist; an asset must exist and be
 *       complete; a zipball needs a published release (a draft's tag does not exist yet).
 *   <li>{@code copy-to-stage} (strict on {@code github} and the store's service): streams the bytes to a spool file
 *       while computing their SHA-256, never holding them in memory; compares the count with the asset's size and the
 *       digest with GitHub's {@code digest} when it has one, refusing a mismatch; then {@code store.put} with size and
 *       digest, which the store checks again. An object already at the key with the same digest is skipped; a
 *       different one is a conflict unless {@code overwrite} is set.
 * </ol>
 */
public final class GitHubReleaseToStageProcess implements ProcessDefinition {

    /** The kind. */
    public static final String KIND = "github.release-to-stage";

    /** The output naming the staged key of the copied object, when it was staged and still has to be moved. */
    public static final String STAGED_KEY = "stagedKey";

    private static final long PROGRESS_EVERY = 8L * 1024 * 1024;

    private final ReleaseHosts hosts;
    private final Supplier<ArtifactStores> stores;
    private final Path spoolDir;

    /**
     * The process for the configured repositories and stores.
     *
     * @param stores the artifact stores, looked up when a run is planned
     * @param spoolDir where downloads are spooled before they go to the store; null for the system's temp directory
     */
    public GitHubReleaseToStageProcess(ReleaseHosts hosts, Supplier<ArtifactStores> stores, Path spoolDir) {
        this.hosts = hosts;
        this.stores = stores;
        this.spoolDir = spoolDir;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Copy a GitHub release's source zip or an asset into a stage store, verified by SHA-256";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.builder()
                .with(ParameterBlocks.REPOSITORY)
                .string("tag", true, "the release's tag")
                .string("asset", false, "name of the asset to copy; default: the release's source zip")
                .string("store", true, "configured artifact store name (the stage, e.g. beta)")
                .string("prefix", false, "key prefix in the store, e.g. awscommunity/")
                .string("key", false, "object name below the prefix; default: the asset name or <repo>-<tag>.zip")
                .bool("overwrite", false, "replace a different object at the key (default false)")
                .bool(
                        "staged",
                        false,
                        "put the object under its staged key (<key>.releasekit-staged-<digest>) and leave moving it"
                                + " into place to a later step, once it is verified (default false)")
                .build();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        ReleaseHost host = hosts.get(p.string("repository"));
        RefNames.require("release tag", p.string("tag"));
        ArtifactStore store = stores.get().get(p.string("store"));
        key(p, "check.zip"); // validates prefix and key early
        List<ServiceNeed> copyNeeds = new ArrayList<>();
        copyNeeds.add(ServiceNeed.strict(host.service()));
        store.service().ifPresent(s -> copyNeeds.add(ServiceNeed.strict(s)));
        return List.of(
                Step.of("locate-source", List.of(ServiceNeed.strict(host.service())), false, ctx -> locate(ctx, host)),
                Step.of("copy-to-stage", copyNeeds, true, ctx -> copy(ctx, host, store)));
    }

    private StepOutcome locate(StepContext ctx, ReleaseHost host) {
        RunParameters p = ctx.parameters();
        String tag = p.string("tag");
        Release release = new Releases(host).require(tag);
        Map<String, String> out = new LinkedHashMap<>();
        Optional<String> assetName = p.optionalString("asset");
        if (assetName.isPresent()) {
            Asset a = host.assets(release.id()).stream()
                    .filter(x -> x.name().equals(assetName.get()))
                    .findFirst()
                    .orElseThrow(() -> new NotFoundException("release " + tag + " of " + host.location()
                            + " has no asset named '" + assetName.get() + "'"));
            if (!a.complete()) {
                throw new ConflictException("asset " + a.name() + " of release " + tag
                        + " is an unfinished upload (state " + a.state() + ")");
            }
            out.put("assetId", Long.toString(a.id()));
            out.put("size", Long.toString(a.size()));
            out.put("sha256", a.sha256().orElse(""));
            out.put("fileName", a.name());
            return StepOutcome.succeeded(
                    "asset " + a.name() + " (" + a.size() + " bytes"
                            + a.sha256()
                                    .map(s -> ", GitHub digest " + s.substring(0, 12))
                                    .orElse(", no GitHub digest")
                            + ") of release " + tag,
                    out);
        }
        if (release.draft()) {
            throw new ConflictException("release " + tag + " of " + host.location()
                    + " is a draft: its tag does not exist yet, so there is no source zip to copy");
        }
        out.put("assetId", "");
        out.put("size", "");
        out.put("sha256", "");
        out.put("fileName", repoName(host) + "-" + tag + ArchiveFormat.ZIP.extension());
        return StepOutcome.succeeded("source zip of release " + tag + " of " + host.location(), out);
    }

    private StepOutcome copy(StepContext ctx, ReleaseHost host, ArtifactStore store) throws IOException {
        RunParameters p = ctx.parameters();
        ArtifactKey key = key(p, ctx.output("fileName").orElseThrow());
        Optional<String> expectedSha = ctx.output("sha256").filter(s -> !s.isEmpty());
        Optional<Long> expectedSize =
                ctx.output("size").filter(s -> !s.isEmpty()).map(Long::parseLong);
        String assetId = ctx.output("assetId").orElse("");
        String source = assetId.isEmpty()
                ? "source zip of " + p.string("tag")
                : "asset " + ctx.output("fileName").get();
        String where = store.location() + " " + key;
        boolean overwrite = p.bool("overwrite", false);

        Optional<ObjectInfo> existing = store.stat(key);
        if (existing.isPresent() && expectedSha.isPresent()) {
            Optional<String> there = existing.get().sha256().or(() -> digestOf(store, key));
            if (there.equals(expectedSha)) {
                return StepOutcome.skipped(
                        source + " is already at " + where,
                        outputs(key, expectedSha.get(), existing.get().size(), store));
            }
            if (!overwrite) {
                throw differentObject(where, there, expectedSha.get());
            }
        }
        if (ctx.dryRun()) {
            String plan = "would copy " + source
                    + expectedSize.map(s -> " (" + s + " bytes)").orElse("") + " to " + where
                    + (existing.isPresent() ? " (replacing the object there)" : "");
            ctx.plan(plan);
            store.planPut(key); // the write, planned at the port
            return StepOutcome.succeeded(plan, Map.of("key", key.value()));
        }
        Path spool = spoolDir == null
                ? Files.createTempFile("releasekit-stage-", ".part")
                : Files.createTempFile(Files.createDirectories(spoolDir), "releasekit-stage-", ".part");
        try {
            Spooled s = download(ctx, host, assetId, p.string("tag"), spool);
            if (expectedSize.isPresent() && s.size() != expectedSize.get()) {
                throw new ServiceUnavailableException(
                        host.service(),
                        source + ": GitHub announced " + expectedSize.get() + " bytes but sent " + s.size()
                                + "; the download broke off");
            }
            if (expectedSha.isPresent() && !expectedSha.get().equals(s.sha256())) {
                throw new ConflictException(source + " of " + host.location() + ": GitHub's digest is sha256:"
                        + expectedSha.get() + " but the downloaded bytes have sha256:" + s.sha256()
                        + "; refusing to stage them");
            }
            if (existing.isPresent() && expectedSha.isEmpty()) {
                Optional<String> there = existing.get().sha256().or(() -> digestOf(store, key));
                if (there.equals(Optional.of(s.sha256()))) {
                    return StepOutcome.skipped(
                            source + " is already at " + where, outputs(key, s.sha256(), s.size(), store));
                }
                if (!overwrite) {
                    throw differentObject(where, there, s.sha256());
                }
            }
            // a staged object is not at its final key: no reader or bucket notification sees it before it is verified
            ArtifactKey target = p.bool("staged", false)
                    ? StagedKeys.stagedKey(key, s.sha256().substring(0, 12))
                    : key;
            // opened afresh per attempt: a retried put never reads a stream an earlier attempt consumed
            ObjectInfo info = store.putFrom(target, () -> Files.newInputStream(spool), s.size(), s.sha256());
            Map<String, String> out = outputs(key, s.sha256(), info.size(), store);
            if (!target.equals(key)) {
                out.put(STAGED_KEY, target.value());
            }
            return StepOutcome.succeeded(
                    "copied " + source + " (" + s.size() + " bytes, sha256 "
                            + s.sha256().substring(0, 12) + ") to "
                            + (target.equals(key) ? where : target + " (staged)"),
                    out);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private Spooled download(StepContext ctx, ReleaseHost host, String assetId, String tag, Path spool)
            throws IOException {
        Download d = assetId.isEmpty()
                ? host.openSourceArchive(tag, ArchiveFormat.ZIP)
                : host.openAsset(Long.parseLong(assetId));
        MessageDigest md = sha256();
        long total = 0;
        try (d;
                InputStream in = d.content();
                OutputStream out = new DigestOutputStream(Files.newOutputStream(spool), md)) {
            byte[] buf = new byte[64 * 1024];
            long nextReport = PROGRESS_EVERY;
            for (int n; (n = in.read(buf)) != -1; ) {
                out.write(buf, 0, n);
                total += n;
                if (total >= nextReport) {
                    ctx.progress(0, 1, total);
                    nextReport += PROGRESS_EVERY;
                }
            }
        } catch (IOException e) {
            throw new ServiceUnavailableException(
                    host.service(),
                    "download from " + host.location() + " broke off after " + total + " bytes: " + e.getMessage(),
                    e);
        }
        ctx.progress(1, 1, total);
        return new Spooled(total, HexFormat.of().formatHex(md.digest()));
    }

    private record Spooled(long size, String sha256) {}

    private static Optional<String> digestOf(ArtifactStore store, ArtifactKey key) {
        return store.read(key, in -> {
            MessageDigest md = sha256();
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), md));
            return Optional.of(HexFormat.of().formatHex(md.digest()));
        });
    }

    private static ConflictException differentObject(String where, Optional<String> there, String wanted) {
        return new ConflictException("a different object is already at " + where + " (sha256 " + there.orElse("unknown")
                + ", staging " + wanted + "); set overwrite to replace it");
    }

    private static Map<String, String> outputs(ArtifactKey key, String sha, long size, ArtifactStore store) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("key", key.value());
        out.put("sha256", sha);
        out.put("size", Long.toString(size));
        out.put("location", store.location());
        return out;
    }

    static ArtifactKey key(RunParameters p, String defaultName) {
        String prefix = p.optionalString("prefix").orElse("").strip();
        String name = p.optionalString("key").orElse(defaultName);
        if (name.contains("/")) {
            throw new InvalidInputException("parameter 'key' names an object below the prefix and has no '/': " + name);
        }
        String joined = prefix.isEmpty() ? name : (prefix.endsWith("/") ? prefix : prefix + "/") + name;
        return ArtifactKey.of(joined);
    }

    private static String repoName(ReleaseHost host) {
        String loc = host.location();
        return loc.substring(loc.lastIndexOf('/') + 1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
