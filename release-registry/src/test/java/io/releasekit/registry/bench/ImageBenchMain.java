package io.releasekit.registry.bench;

import io.releasekit.core.image.BlobTransfer;
import io.releasekit.core.image.CopyImageCommand;
import io.releasekit.core.image.CopyImageReport;
import io.releasekit.core.image.ImageDigest;
import io.releasekit.core.image.ImageRegistries;
import io.releasekit.core.image.ImageRegistry;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.registry.OciImageRegistry;
import io.releasekit.registry.testkit.TestImages;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * The releasekit side of bench/image.sh.
 *
 * <pre>
 *   seed    BASE REPO LAYERS LAYER_BYTES   pushes an image of random (incompressible) layers, prints digest=
 *   promote BASE FROM DIGEST TO TAG        promotes by digest through the guarded port, prints the report
 * </pre>
 */
public final class ImageBenchMain {

    private ImageBenchMain() {}

    /** Entry point. */
    public static void main(String[] args) {
        URI base = URI.create(args[1]);
        try (ServiceGuards guards = ServiceGuards.withDefaults()) {
            ImageRegistry r = ImageRegistries.of(
                            Map.of(
                                    "bench",
                                    OciImageRegistry.builder("bench", base).build()),
                            guards)
                    .get("bench");
            switch (args[0]) {
                case "seed" -> {
                    TestImages.Pushed p = TestImages.push(
                            r,
                            args[2],
                            "src",
                            Integer.parseInt(args[3]),
                            Integer.parseInt(args[4]),
                            42,
                            Instant.parse("2026-12-01T00:00:00Z"),
                            Map.of());
                    System.out.println("digest=" + p.digest());
                }
                case "promote" -> {
                    long t0 = System.nanoTime();
                    CopyImageReport rep = CopyImageCommand.copy(r, args[2], ImageDigest.of(args[3]))
                            .to(r, args[4])
                            .tags(args[5])
                            .call();
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    System.out.println("copy_ms=" + ms + " blobs=" + rep.blobs().size() + " mounted="
                            + rep.count(BlobTransfer.How.MOUNTED) + " streamed=" + rep.count(BlobTransfer.How.STREAMED)
                            + " bytes_streamed=" + rep.bytesStreamed());
                }
                default -> throw new IllegalArgumentException("seed or promote, was " + args[0]);
            }
        }
    }
}
