package io.releasekit.aws.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Reads the caller's content exactly once, counting and hashing it, and fails with {@link ShortContentException} when it
 * ends before the announced size. Mark/reset is refused on purpose: the SDK then buffers what it may need to replay,
 * so a replay never reaches (and never double-counts) the caller's stream. Never closes the caller's stream.
 */
public final class DigestingInputStream extends FilterInputStream {

    private final MessageDigest digest = Digests.sha256();
    private final long expected;
    private long count;

    /** Wraps {@code in}, which should hold {@code expected} bytes. */
    public DigestingInputStream(InputStream in, long expected) {
        super(in);
        this.expected = expected;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            checkEnd();
            return b;
        }
        digest.update((byte) b);
        count++;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            checkEnd();
            return n;
        }
        digest.update(b, off, n);
        count += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skipping would leave bytes out of the digest");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    @Override
    public void close() {
        // the caller owns the stream
    }

    /** Bytes read so far. */
    public long count() {
        return count;
    }

    /** The hex SHA-256 of the bytes read so far. */
    public String sha256() {
        try {
            return Digests.hex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
        }
    }

    private void checkEnd() throws ShortContentException {
        if (count < expected) {
            throw new ShortContentException(count, expected);
        }
    }
}
