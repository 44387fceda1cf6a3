package io.releasekit.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A part is read in reads of at most 1 MiB, whole up to the part size, short only at the end of the source. */
class MultipartPutFillTest {

    @Test
    void readsAPartInChunksOfAtMostOneMebibyte(@TempDir Path dir) throws Exception {
        byte[] content = new byte[5 * MultipartPut.READ_CHUNK + 123];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("part"), content);
        int[] largestRead = {0};
        byte[] buffer = new byte[4 * MultipartPut.READ_CHUNK];
        try (InputStream in = new FilterInputStream(Files.newInputStream(file)) {
            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                largestRead[0] = Math.max(largestRead[0], len);
                return super.read(b, off, len);
            }
        }) {
            int first = MultipartPut.fill(in, buffer, buffer.length);
            assertThat(first).isEqualTo(buffer.length);
            assertThat(Arrays.copyOf(buffer, first)).isEqualTo(Arrays.copyOf(content, first));

            int rest = MultipartPut.fill(in, buffer, buffer.length);
            assertThat(rest).isEqualTo(content.length - first);
            assertThat(Arrays.copyOf(buffer, rest)).isEqualTo(Arrays.copyOfRange(content, first, content.length));
            assertThat(MultipartPut.fill(in, buffer, buffer.length)).isZero();
        }
        assertThat(largestRead[0]).isEqualTo(MultipartPut.READ_CHUNK);
    }

    @Test
    void keepsReadingShortReadsUntilThePartIsFull() {
        byte[] content = new byte[3000];
        new Random(8).nextBytes(content);
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(content)) {
            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                return super.read(b, off, Math.min(len, 7)); // a network stream answers what it has
            }
        };
        byte[] buffer = new byte[2048];

        assertThat(MultipartPut.fill(trickle, buffer, 2048)).isEqualTo(2048);
        assertThat(buffer).isEqualTo(Arrays.copyOf(content, 2048));
    }
}
