package io.releasekit.git;

import org.eclipse.jgit.storage.file.WindowCacheConfig;

/**
 * How much pack data JGit keeps in memory, for the whole JVM: the pack-window cache (raw pack bytes read in windows)
 * and the delta-base cache (inflated objects that deltas are applied to). JGit's own defaults are small (10 MiB of
 * 8 KiB windows, 10 MiB of delta bases), so a walk over a long history re-reads the same pack regions many times;
 * git itself maps up to gigabytes of pack at a time. {@link #recommended()} is what the releasekit service installs
 * at start-up (measured: about 15 % off a 50,000-commit version search, see docs/benchmarks/git.md).
 *
 * <pre>{@code
 * GitCacheSettings.recommended().install(); // once, before opening repositories
 * }</pre>
 *
 * @param packLimitBytes the most pack bytes kept in memory
 * @param windowBytes the size of one window read from a pack (a power of two, at least 4 KiB)
 * @param deltaBaseCacheBytes the most inflated delta-base bytes kept
 */
public record GitCacheSettings(long packLimitBytes, int windowBytes, int deltaBaseCacheBytes) {

    /** Checks the sizes. */
    public GitCacheSettings {
        if (windowBytes < 4096 || Integer.bitCount(windowBytes) != 1) {
            throw new IllegalArgumentException(
                    "window size must be a power of two of at least 4096, not " + windowBytes);
        }
        if (packLimitBytes < windowBytes) {
            throw new IllegalArgumentException(
                    "pack limit " + packLimitBytes + " is smaller than one window (" + windowBytes + ")");
        }
        if (deltaBaseCacheBytes < 0) {
            throw new IllegalArgumentException("delta-base cache size must not be negative: " + deltaBaseCacheBytes);
        }
    }

    /** 128 MiB of 64 KiB pack windows and 32 MiB of delta bases. */
    public static GitCacheSettings recommended() {
        return new GitCacheSettings(128L << 20, 64 << 10, 32 << 20);
    }

    /** Makes these the JVM-wide JGit cache settings (JGit has one cache per JVM). */
    public void install() {
        WindowCacheConfig config = new WindowCacheConfig();
        config.setPackedGitLimit(packLimitBytes);
        config.setPackedGitWindowSize(windowBytes);
        config.setDeltaBaseCacheLimit(deltaBaseCacheBytes);
        config.install();
    }
}
