package io.releasekit.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** Which recorded SHA-256 a stat trusts: S3's own full-object checksum before releasekit's metadata, never a conflict. */
class S3RecordedSha256Test {

    private static final String A = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String B = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void releasekitsMetadataAloneIsUsed() {
        assertThat(S3ArtifactStore.recordedSha256(head(A, null, null))).contains(A);
    }

    @Test
    void s3sFullObjectChecksumAloneIsUsed() {
        assertThat(S3ArtifactStore.recordedSha256(head(null, A, ChecksumType.FULL_OBJECT)))
                .contains(A);
        assertThat(S3ArtifactStore.recordedSha256(head(null, A, null))).contains(A);
    }

    @Test
    void agreeingRecordsGiveTheDigest() {
        assertThat(S3ArtifactStore.recordedSha256(head(A, A, ChecksumType.FULL_OBJECT)))
                .contains(A);
    }

    @Test
    void metadataThatContradictsS3sChecksumIsNotTrustedAndNeitherIsTheChecksum() {
        // e.g. the bytes were replaced by a writer that copied the old metadata along: read the bytes instead
        assertThat(S3ArtifactStore.recordedSha256(head(A, B, ChecksumType.FULL_OBJECT)))
                .isEmpty();
    }

    @Test
    void aCompositeMultipartChecksumIsNotTheObjectsDigest() {
        assertThat(S3ArtifactStore.recordedSha256(head(null, A, ChecksumType.COMPOSITE)))
                .isEmpty();
        assertThat(S3ArtifactStore.recordedSha256(head(B, A, ChecksumType.COMPOSITE)))
                .contains(B);
    }

    @Test
    void malformedMetadataIsIgnored() {
        assertThat(S3ArtifactStore.recordedSha256(head("not-a-digest", A, ChecksumType.FULL_OBJECT)))
                .contains(A);
        assertThat(S3ArtifactStore.recordedSha256(head("not-a-digest", null, null)))
                .isEmpty();
    }

    private static HeadObjectResponse head(String metadataHex, String checksumHex, ChecksumType type) {
        HeadObjectResponse.Builder b = HeadObjectResponse.builder().contentLength(3L);
        if (metadataHex != null) {
            b.metadata(Map.of(S3ArtifactStore.SHA256_METADATA, metadataHex));
        }
        if (checksumHex != null) {
            b.checksumSHA256(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(checksumHex)));
        }
        if (type != null) {
            b.checksumType(type);
        }
        return b.build();
    }
}
