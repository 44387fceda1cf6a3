package io.releasekit.cli;

import io.releasekit.client.model.NextVersionRequest;
import io.releasekit.client.model.Run;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The build's training run for the class-data sharing archive (hidden): loads what the commands load — help of every
 * command, the client's JSON models both ways, an HTTP request to a closed port, and a verification of a small
 * directory, by the full command line and by the verify-only one ({@link VerifyOnly}) — so that the archive maps those
 * classes for users.
 */
@Command(name = "cds-train", hidden = true)
final class CdsTraining implements Callable<Integer> {

    @Parameters(index = "0")
    Path dir;

    @Override
    public Integer call() throws Exception {
        StringWriter sink = new StringWriter();
        PrintWriter w = new PrintWriter(sink);
        CommandLine cl = Releasekit.commandLine(Map.of(), w, w);
        cl.execute("--help");
        for (String sub : List.of("runs", "kinds", "services", "preflight", "verify", "versions")) {
            cl.execute(sub, "--help");
        }
        for (String sub : List.of("start", "list", "show", "events", "approve", "reject", "cancel")) {
            cl.execute("runs", sub, "--help");
        }
        cl.execute("versions", "next", "--help");
        cl.execute("--json", "runs", "start", "--bad-flag");
        // a request to a port nothing listens on: the HTTP client and the error path
        Releasekit.commandLine(
                        Map.of("RELEASEKIT_URL", "http://127.0.0.1:9", "RELEASEKIT_TOKEN", "x", "HOME", "/"), w, w)
                .execute("versions", "next", "--prefix", "v", "v1.0.0");
        String run = "{\"id\":\"r\",\"kind\":\"k\",\"state\":\"RUNNING\",\"parameters\":{},\"dryRun\":false,"
                + "\"requestedBy\":\"a\",\"approvalsRequired\":0,\"approverRole\":\"release-manager\",\"approvals\":[],"
                + "\"steps\":[{\"name\":\"s\",\"state\":\"SUCCEEDED\",\"attempts\":1,\"startedAt\":"
                + "\"2026-01-01T00:00:00Z\",\"finishedAt\":\"2026-01-01T00:00:01Z\",\"outputs\":{},\"planned\":[]}],"
                + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:00Z\"}";
        Output.json().writeValueAsString(Output.json().readValue(run, Run.class));
        Output.json()
                .writeValueAsString(
                        new NextVersionRequest().tags(List.of("v1.0.0")).prefix("v"));
        Files.createDirectories(dir);
        StringBuilder sums = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            byte[] data = ("releasekit training file " + i).repeat(1000).getBytes(StandardCharsets.UTF_8);
            Files.write(dir.resolve("t" + i + ".bin"), data);
            sums.append(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(data)))
                    .append("  t")
                    .append(i)
                    .append(".bin\n");
        }
        Files.writeString(dir.resolve("SHA256SUMS"), sums);
        cl.execute("verify", dir.toString());
        cl.execute("--json", "verify", dir.toString());
        // and as users run it: the verify-only command line (VerifyOnly), its guards and shim prepared beside it
        VerifyOnly.prepare();
        Releasekit.execute(Map.of(), w, w, "verify", "--quiet", dir.toString());
        Releasekit.execute(Map.of(), w, w, "--json", "verify", dir.toString());
        Releasekit.execute(Map.of(), w, w, "verify", "--help");
        return 0;
    }
}
