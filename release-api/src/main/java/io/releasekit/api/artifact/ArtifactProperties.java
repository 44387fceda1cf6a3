package io.releasekit.api.artifact;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.artifact.signature.Keyring;
import io.releasekit.process.artifact.PublishSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code releasekit.artifacts.*}: trusted OpenPGP keys and publication defaults.
 *
 * <pre>{@code
 * releasekit:
 *   artifacts:
 *     signatures: manifest            # none | present | manifest | artifacts | all
 *     trusted-key-files: [/etc/releasekit/release-key.asc]
 *     trusted-keys: ["-----BEGIN PGP PUBLIC KEY BLOCK-----\n..."]
 *     trust-store-checksums: false
 *     concurrency: 4
 * }</pre>
 */
@ConfigurationProperties("releasekit.artifacts")
public class ArtifactProperties {

    private String signatures;
    private List<String> trustedKeys = new ArrayList<>();
    private List<String> trustedKeyFiles = new ArrayList<>();
    private boolean trustStoreChecksums;
    private int concurrency = 4;

    public String getSignatures() {
        return signatures;
    }

    public void setSignatures(String signatures) {
        this.signatures = signatures;
    }

    public List<String> getTrustedKeys() {
        return trustedKeys;
    }

    public void setTrustedKeys(List<String> trustedKeys) {
        this.trustedKeys = trustedKeys;
    }

    public List<String> getTrustedKeyFiles() {
        return trustedKeyFiles;
    }

    public void setTrustedKeyFiles(List<String> trustedKeyFiles) {
        this.trustedKeyFiles = trustedKeyFiles;
    }

    public boolean isTrustStoreChecksums() {
        return trustStoreChecksums;
    }

    public void setTrustStoreChecksums(boolean trustStoreChecksums) {
        this.trustStoreChecksums = trustStoreChecksums;
    }

    public int getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    /** The trusted keys from both the inline blocks and the key files. */
    public Keyring keyring() {
        List<String> blocks = new ArrayList<>(trustedKeys);
        for (String file : trustedKeyFiles) {
            try {
                blocks.add(Files.readString(Path.of(file)));
            } catch (IOException e) {
                throw new InvalidInputException(
                        "releasekit.artifacts.trusted-key-files: cannot read '" + file + "': " + e.getMessage(), e);
            }
        }
        return blocks.isEmpty() ? Keyring.empty() : Keyring.fromArmored(blocks);
    }

    /** The settings these properties describe. */
    public PublishSettings toSettings() {
        return new PublishSettings(
                keyring(), Optional.ofNullable(signatures).filter(s -> !s.isBlank()), trustStoreChecksums, concurrency);
    }
}
