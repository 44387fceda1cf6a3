package io.releasekit.cli;

import io.releasekit.core.ReleaseException;
import io.releasekit.core.artifact.ArtifactCheck;
import io.releasekit.core.artifact.ArtifactStatus;
import io.releasekit.core.artifact.FileSystemArtifactStore;
import io.releasekit.core.artifact.VerificationReport;
import io.releasekit.core.artifact.Verifier;
import io.releasekit.core.artifact.signature.Keyring;
import io.releasekit.core.artifact.signature.SignatureCheck;
import io.releasekit.core.artifact.signature.SignaturePolicy;
import io.releasekit.core.service.ServiceGuards;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code releasekit verify DIR}: checks local files against their manifest in this process, with release-core's
 * {@link Verifier} (the one the service uses), no service needed. Prints one line per file like {@code sha256sum -c}
 * and exits 1 when a listed file is missing or does not match, or a required signature is refused.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Verify the files in DIR against a SHA256SUMS / SHA512SUMS (or JSON) manifest, here, without"
                + " a service: one line per file like `sha256sum -c`, exit 1 on any mismatch.")
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The directory holding the files.")
    Path dir;

    @Option(
            names = {"-m", "--manifest"},
            defaultValue = "SHA256SUMS",
            paramLabel = "MANIFEST",
            description = "The manifest: a name in DIR or a path to a file elsewhere (default: ${DEFAULT-VALUE}).")
    String manifest;

    @Option(
            names = {"-k", "--key"},
            paramLabel = "pub.asc",
            description = "A trusted OpenPGP public key (armored); repeat for more. Signatures are then checked.")
    List<Path> keys = List.of();

    @Option(
            names = "--require-signatures",
            defaultValue = "manifest",
            paramLabel = "WHICH",
            description = "With --key: none, present, manifest, artifacts or all (default: ${DEFAULT-VALUE}).")
    String requirement;

    @Option(names = "--quiet", description = "Print only the files that failed, and the summary.")
    boolean quiet;

    @Option(names = "--workers", paramLabel = "N", description = "Parallel hashing workers (default: all cores).")
    Integer workers;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "DIR '" + dir + "' is not a directory");
        }
        if (workers != null && workers < 1) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--workers must be at least 1, not " + workers);
        }
        boolean json = ((RootOptions) spec.root().userObject()).json;
        Output out = new Output(spec.commandLine().getOut());
        try (ServiceGuards guards = VerifyOnly.guards()) {
            VerificationReport report = command(guards).call();
            if (json) {
                out.json(asJson(report));
            } else {
                print(report, out);
            }
            return report.passed() ? ExitCodes.OK : ExitCodes.VERIFY_FAILED;
        } catch (ReleaseException e) {
            spec.commandLine().getErr().println("releasekit: verify " + dir + ": " + e.getMessage());
            return ExitCodes.VERIFY_FAILED;
        }
    }

    private Verifier.Command command(ServiceGuards guards) throws IOException {
        Verifier.Command c = new Verifier(guards).verify(new FileSystemArtifactStore(dir), "");
        Path inDir = dir.resolve(manifest);
        Path given = Path.of(manifest);
        boolean nameInDir = !given.isAbsolute() && Files.isRegularFile(inDir);
        if (!nameInDir && Files.isRegularFile(given)) {
            c.manifest(Files.readAllBytes(given));
        } else {
            c.manifest(manifest);
        }
        if (!keys.isEmpty()) {
            List<String> blocks = new ArrayList<>();
            for (Path k : keys) {
                blocks.add(Files.readString(k));
            }
            c.signatures(SignaturePolicy.named(requirement, Keyring.fromArmored(blocks)));
        }
        if (workers != null) {
            c.concurrency(workers);
        }
        return c;
    }

    private void print(VerificationReport r, Output out) {
        for (ArtifactCheck a : r.artifacts()) {
            if (quiet && (a.ok() || a.status() == ArtifactStatus.UNEXPECTED)) {
                continue;
            }
            out.line(
                    switch (a.status()) {
                        case OK -> a.name() + ": OK";
                        case UNEXPECTED -> a.name() + ": UNEXPECTED (not in the manifest)";
                        default -> a.name() + ": FAILED (" + a.describe() + ")";
                    });
        }
        for (SignatureCheck s : r.signatures()) {
            if (!quiet || !s.result().valid()) {
                out.line(s.describe());
            }
        }
        out.line(r.manifestName() + ": " + r.summary() + (r.passed() ? "" : " -- FAILED"));
    }

    private static Map<String, Object> asJson(VerificationReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("passed", r.passed());
        m.put("manifest", r.manifestName());
        m.put("manifestSha256", r.manifestSha256());
        m.put("algorithm", r.algorithm().name());
        m.put("summary", r.summary());
        m.put("bytesHashed", r.bytesHashed());
        m.put("elapsedMillis", r.elapsed().toMillis());
        m.put("engine", Verifier.hashingEngine());
        m.put(
                "artifacts",
                r.artifacts().stream()
                        .map(a -> {
                            Map<String, Object> e = new LinkedHashMap<>();
                            e.put("name", a.name());
                            e.put("status", a.status().name());
                            a.expectedDigest().ifPresent(d -> e.put("expectedDigest", d));
                            a.actualDigest().ifPresent(d -> e.put("actualDigest", d));
                            return e;
                        })
                        .toList());
        m.put(
                "signatures",
                r.signatures().stream()
                        .map(s -> Map.of(
                                "signed",
                                s.signedName(),
                                "valid",
                                s.result().valid(),
                                "result",
                                s.result().describe()))
                        .toList());
        return m;
    }
}
