package io.releasekit.core.artifact.internal;

import io.releasekit.core.artifact.ArtifactCheck;
import io.releasekit.core.artifact.FileSystemArtifactStore;
import io.releasekit.core.artifact.VerificationReport;
import io.releasekit.core.artifact.Verifier;
import io.releasekit.core.service.ServiceGuards;
import java.nio.file.Path;

/**
 * Verifies a directory against its manifest from the command line; used by {@code bench/verify.sh}:
 * {@code java -cp ... io.releasekit.core.artifact.internal.VerifyCommandLine DIR [MANIFEST [WORKERS]]}. Prints the
 * problems and a summary; exits 0 when the verification passed, 1 when it did not.
 */
public final class VerifyCommandLine {

    private VerifyCommandLine() {}

    /** Runs a verification. */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: VerifyCommandLine DIR [MANIFEST [WORKERS]]");
            System.exit(2);
        }
        try (ServiceGuards guards = ServiceGuards.withDefaults()) {
            Verifier.Command c = new Verifier(guards)
                    .verify(new FileSystemArtifactStore(Path.of(args[0])), "")
                    .manifest(args.length > 1 ? args[1] : "SHA256SUMS");
            if (args.length > 2) {
                c.concurrency(Integer.parseInt(args[2]));
            }
            VerificationReport r = c.call();
            r.problems().stream().map(ArtifactCheck::describe).forEach(System.out::println);
            System.out.printf(
                    "%s: %s; %d bytes hashed in %d ms by %s%n",
                    r.location(), r.summary(), r.bytesHashed(), r.elapsed().toMillis(), ParallelDigester.engine());
            System.exit(r.passed() ? 0 : 1);
        }
    }
}
