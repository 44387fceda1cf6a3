package io.releasekit.api.run;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * The process kind of the replica drills, in service processes started with {@code releasekit.drill.dir}: {@code
 * drill.write} writes {@code objects} objects, one at a time, to a configured store, each only while the file {@code
 * go} exists in the drill directory (the test holds a run in the middle of its step by deleting it). Each object says
 * which replica wrote it, so a test sees whether a replica that lost the run wrote anything afterwards.
 */
@Factory
@Requires(property = "releasekit.drill.dir")
class DrillProcesses {

    static final String KIND = "drill.write";

    private final Path dir;
    private final String replica;
    private final ArtifactStores stores;

    DrillProcesses(
            @Value("${releasekit.drill.dir}") String dir,
            @Value("${releasekit.scheduler.name:local}") String replica,
            ArtifactStores stores) {
        this.dir = Path.of(dir);
        this.replica = replica;
        this.stores = stores;
    }

    @Singleton
    ProcessDefinition drillWrite() {
        return new ProcessDefinition() {
            @Override
            public String kind() {
                return KIND;
            }

            @Override
            public String description() {
                return "Writes objects one at a time while the drill's go file exists";
            }

            @Override
            public ParameterSpec parameters() {
                return ParameterSpec.builder()
                        .string("store", true, "configured store")
                        .integer("objects", true, "how many objects")
                        .build();
            }

            @Override
            public List<Step> steps(RunParameters p) {
                ArtifactStore store = stores.get(p.string("store"));
                long n = p.integer("objects", 1);
                return List.of(new Step() {
                    @Override
                    public String name() {
                        return "write";
                    }

                    @Override
                    public List<ServiceNeed> services() {
                        return List.of();
                    }

                    @Override
                    public boolean writes() {
                        return true;
                    }

                    @Override
                    public StepOutcome execute(StepContext ctx) throws Exception {
                        if (ctx.dryRun()) { // the plan a real run is checked against: the same keys, planned at the
                            // port
                            for (int i = 0; i < n; i++) {
                                store.planPut(ArtifactKey.of(ctx.runId() + "/obj-" + i));
                            }
                            return StepOutcome.succeeded("would write " + n + " objects");
                        }
                        String attempt = replica + "/" + UUID.randomUUID();
                        for (int i = 0; i < n; i++) {
                            awaitGo(ctx.runId());
                            byte[] b = ("object " + i + " of run " + ctx.runId() + " written by " + attempt)
                                    .getBytes(StandardCharsets.UTF_8);
                            store.put(
                                    ArtifactKey.of(ctx.runId() + "/obj-" + i),
                                    new ByteArrayInputStream(b),
                                    b.length,
                                    sha256(b));
                        }
                        return StepOutcome.succeeded("wrote " + n + " objects", Map.of("writer", replica));
                    }
                });
            }
        };
    }

    /** Waits while the go file is missing, leaving a marker that says this replica waits in this run's step. */
    private void awaitGo(String runId) throws Exception {
        Path go = dir.resolve("go");
        if (Files.exists(go)) {
            return;
        }
        Path waiting = dir.resolve(runId + ".waiting." + replica);
        Files.writeString(waiting, "");
        try {
            while (!Files.exists(go)) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for the drill's go");
                }
                LockSupport.parkNanos(20_000_000); // simulated slow work; a shutdown interrupts it
            }
        } finally {
            Files.deleteIfExists(waiting);
        }
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
