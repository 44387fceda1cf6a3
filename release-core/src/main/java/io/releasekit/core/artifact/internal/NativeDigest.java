package io.releasekit.core.artifact.internal;

import io.releasekit.core.artifact.DigestAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * SHA-256 and SHA-512 computed by the system's OpenSSL libcrypto (1.1 or 3) through a small JNI shim
 * ({@code src/main/native/releasekit_digest.c}), which release-core's build compiles on Linux when gcc is there.
 *
 * <p>Why: a verification is a short-lived JVM hashing gigabytes. The JDK's SHA-2 reaches libcrypto's speed only once
 * C2 has compiled its intrinsic, and copies direct memory into a heap array 4 KiB at a time; libcrypto hashes a direct
 * buffer in place from the first byte. Measured on 2 cores over 2 GB: 0.84 s against 1.03 s (bench/verify.sh,
 * docs/benchmarks/artifacts.md).
 *
 * <p>Optional by design: when the shim is not in the jar (not built, another OS), cannot be loaded, libcrypto is not
 * installed, or {@code -Dreleasekit.digest.native=false} is set, {@link #available()} is false, {@link #status()} says
 * why, and callers use the JDK's {@link java.security.MessageDigest}. Both give the same digests (tested).
 *
 * <p>An instance is one digest in progress, used by one thread at a time; {@link #close()} frees the native context if
 * {@link #finish()} was not reached. Only direct buffers are accepted: the native side reads them in place. Files are
 * read into such a buffer, never memory-mapped here: a file truncated under a mapping raises SIGBUS, which the JVM
 * turns into an error in Java code but not in native code.
 */
final class NativeDigest implements AutoCloseable {

    /** Set to {@code false} to use the JDK's digests even where the native shim is available. */
    static final String ENABLED_PROPERTY = "releasekit.digest.native";

    private static final String LIBRARY = "libreleasekit-digest.so";

    private static final String STATUS = load();

    private long context;

    private NativeDigest(long context) {
        this.context = context;
    }

    /** Whether digests can be computed natively in this JVM. */
    static boolean available() {
        return STATUS.startsWith("libcrypto");
    }

    /**
     * What hashes: {@code libcrypto (OpenSSL 3.0.19 ...)} when {@link #available()}, else the JDK and why not (e.g.
     * {@code JDK (native digest: disabled by -Dreleasekit.digest.native=false)}).
     */
    static String status() {
        return STATUS;
    }

    /**
     * Starts a digest.
     *
     * @throws IllegalStateException when not {@link #available()} or libcrypto refuses the algorithm
     */
    static NativeDigest start(DigestAlgorithm algorithm) {
        if (!available()) {
            throw new IllegalStateException("native digests are not available: " + STATUS);
        }
        long ctx = start0(algorithm.tag());
        if (ctx == 0) {
            throw new IllegalStateException("libcrypto could not start a " + algorithm.tag() + " digest");
        }
        return new NativeDigest(ctx);
    }

    /**
     * Hashes the buffer's remaining bytes and moves its position to its limit.
     *
     * @throws IllegalArgumentException when the buffer is not direct
     * @throws IllegalStateException after {@link #finish()} or {@link #close()}, or when libcrypto fails
     */
    void update(ByteBuffer buffer) {
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("native digests read direct buffers only");
        }
        requireOpen();
        int off = buffer.position();
        int len = buffer.remaining();
        if (len == 0) {
            return;
        }
        if (!update0(context, buffer, off, len)) {
            throw new IllegalStateException("libcrypto failed to hash " + len + " bytes");
        }
        buffer.position(off + len);
    }

    /**
     * Completes the digest and frees the native context.
     *
     * @return the digest (32 bytes for SHA-256, 64 for SHA-512)
     * @throws IllegalStateException when already finished or closed, or when libcrypto fails
     */
    byte[] finish() {
        requireOpen();
        byte[] out = new byte[64];
        long ctx = context;
        context = 0;
        int n = finish0(ctx, out);
        if (n < 0) {
            throw new IllegalStateException("libcrypto failed to complete the digest");
        }
        return Arrays.copyOf(out, n);
    }

    /** Frees the native context unless {@link #finish()} did; calling it again does nothing. */
    @Override
    public void close() {
        if (context != 0) {
            long ctx = context;
            context = 0;
            free0(ctx);
        }
    }

    private void requireOpen() {
        if (context == 0) {
            throw new IllegalStateException("this digest is finished");
        }
    }

    private static String load() {
        if ("false"
                .equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY, "true").trim())) {
            return "JDK (native digest: disabled by -D" + ENABLED_PROPERTY + "=false)";
        }
        String platform = platform();
        if (platform == null) {
            return "JDK (native digest: not built for " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + ")";
        }
        URL url = NativeDigest.class.getResource("native/" + platform + "/" + LIBRARY);
        if (url == null) {
            return "JDK (native digest: not built into this jar; the build had no gcc)";
        }
        try {
            loadLibrary(url);
            String missing = load0();
            if (missing != null) {
                return "JDK (native digest: " + missing + ")";
            }
            return "libcrypto (" + version0() + ")";
        } catch (IOException | URISyntaxException | LinkageError | SecurityException e) {
            return "JDK (native digest: " + e + ")";
        }
    }

    /** The shim's directory for this JVM, {@code linux-x86_64} or {@code linux-aarch64}, or null. */
    private static String platform() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return null;
        }
        return switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "linux-x86_64";
            case "aarch64", "arm64" -> "linux-aarch64";
            default -> null;
        };
    }

    /**
     * Loads the shim: in place when it is a file (classes directory), else copied out of the jar into a new private
     * directory (0700, from {@link Files#createTempDirectory}) that is deleted once loaded.
     */
    private static void loadLibrary(URL url) throws IOException, URISyntaxException {
        if ("file".equals(url.getProtocol())) {
            System.load(Path.of(url.toURI()).toString());
            return;
        }
        Path dir = Files.createTempDirectory("releasekit-native-");
        Path lib = dir.resolve(LIBRARY);
        try (InputStream in = url.openStream()) {
            Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
            System.load(lib.toString());
        } finally {
            Files.deleteIfExists(lib);
            Files.deleteIfExists(dir);
        }
    }

    private static native String load0();

    private static native String version0();

    private static native long start0(String name);

    private static native boolean update0(long context, ByteBuffer buffer, int offset, int length);

    private static native int finish0(long context, byte[] out);

    private static native void free0(long context);
}
