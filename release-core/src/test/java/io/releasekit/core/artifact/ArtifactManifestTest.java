package io.releasekit.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.testkit.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactManifestTest {

    private static final List<String> AWKWARD_NAMES =
            List.of("plain.tar.xz", "with space", "back\\slash", "new\nline", "ümlaut-ünïcode", " leading-space");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void writesSumsThatCoreutilsAcceptsIncludingEscapedNames(DigestAlgorithm algorithm) throws Exception {
        ArtifactManifest m = ArtifactManifest.of(algorithm, writeFiles(algorithm));
        Files.write(dir.resolve(algorithm.sumsFileName()), m.toSums());

        Cli.Result r = Cli.run(dir, algorithm.id() + "sum", "--check", "--strict", algorithm.sumsFileName());

        assertThat(r.exitCode()).as(r.stderr() + r.out()).isZero();
        assertThat(r.out())
                .contains("plain.tar.xz: OK")
                .contains("back\\slash: OK")
                .contains("\\new\\nline: OK");
    }

    @Test
    void coreutilsRejectsWhatWeWriteWhenAFileChanged() throws Exception {
        ArtifactManifest m = ArtifactManifest.of(DigestAlgorithm.SHA256, writeFiles(DigestAlgorithm.SHA256));
        Files.write(dir.resolve("SHA256SUMS"), m.toSums());
        Files.writeString(dir.resolve("new\nline"), "tampered");

        Cli.Result r = Cli.run(dir, "sha256sum", "--check", "--strict", "SHA256SUMS");

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.out()).contains("\\new\\nline: FAILED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-t", "-b", "--tag"})
    void parsesWhatSha256sumWritesIncludingNewlineAndBackslashNames(String mode) throws Exception {
        List<ManifestEntry> expected = writeFiles(DigestAlgorithm.SHA256);
        List<String> cmd = new ArrayList<>(List.of("sha256sum", mode, "--"));
        expected.forEach(e -> cmd.add(e.name()));

        Cli.Result r = Cli.run(dir, Map.of(), cmd);
        ArtifactManifest parsed = ArtifactManifest.parse(r.stdout());

        assertThat(r.exitCode()).isZero();
        assertThat(parsed.algorithm()).isEqualTo(DigestAlgorithm.SHA256);
        assertThat(parsed.entries()).extracting(ManifestEntry::name).containsExactlyElementsOf(AWKWARD_NAMES);
        assertThat(parsed.entries())
                .extracting(ManifestEntry::digest)
                .containsExactlyElementsOf(
                        expected.stream().map(ManifestEntry::digest).toList());
        assertThat(parsed.entries().get(0).binary()).isEqualTo(!mode.equals("-t"));
    }

    @Test
    void parsesWhatSha512sumWrites() throws Exception {
        List<ManifestEntry> expected = writeFiles(DigestAlgorithm.SHA512);
        List<String> cmd = new ArrayList<>(List.of("sha512sum", "--"));
        expected.forEach(e -> cmd.add(e.name()));

        ArtifactManifest parsed =
                ArtifactManifest.parse(Cli.run(dir, Map.of(), cmd).stdout());

        assertThat(parsed.algorithm()).isEqualTo(DigestAlgorithm.SHA512);
        assertThat(parsed.entries())
                .extracting(ManifestEntry::digest)
                .containsExactlyElementsOf(
                        expected.stream().map(ManifestEntry::digest).toList());
    }

    @Test
    void acceptsCommentsCrlfAndUpperCaseHex() {
        String d = "AB".repeat(32);
        ArtifactManifest m = ArtifactManifest.parse(
                ("# made by hand\r\n" + d + " *a.zip\r\n" + d.toLowerCase() + "  b.zip\n").getBytes());

        assertThat(m.entries()).extracting(ManifestEntry::name).containsExactly("a.zip", "b.zip");
        assertThat(m.entries().get(0).digest()).isEqualTo("ab".repeat(32));
        assertThat(m.entries().get(1).binary()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "# only a comment\n",
                "not a digest line\n",
                "abc  short.zip\n",
                "%1$s\n",
                "%1$s x.zip\n",
                "%1$s  \n",
                "%1$s  a.zip\n\n%1$s  b.zip\n",
                "%1$s  a.zip\n%1$s  a.zip\n",
                "\\%1$s  bad\\escape\n",
                "\\%1$s  trailing\\\n",
                "%1$s  a.zip\n%2$s  b.zip\n",
                "SHA512 (a.zip) = %1$s\n",
                "SHA256 (a.zip) = zz\n",
            })
    void refusesMalformedSums(String template) {
        String text = String.format(template, "0".repeat(64), "1".repeat(128));

        assertThatThrownBy(() -> ArtifactManifest.parse(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("manifest");
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] bad = ("0".repeat(64) + "  a").getBytes();
        byte[] withBad = java.util.Arrays.copyOf(bad, bad.length + 1);
        withBad[bad.length] = (byte) 0xff;

        assertThatThrownBy(() -> ArtifactManifest.parse(withBad)).hasMessageContaining("UTF-8");
    }

    @Test
    void roundTripsJsonWithSizesAndAwkwardNames() {
        List<ManifestEntry> entries = new ArrayList<>();
        for (int i = 0; i < AWKWARD_NAMES.size(); i++) {
            entries.add(new ManifestEntry(
                    AWKWARD_NAMES.get(i) + "\"\t\u0001",
                    Integer.toHexString(i).repeat(64),
                    OptionalLong.of(i * 1000L),
                    true));
        }
        ArtifactManifest m = ArtifactManifest.of(DigestAlgorithm.SHA256, entries);

        byte[] json = m.toJson();
        ArtifactManifest back = ArtifactManifest.parse(json);

        assertThat(back).isEqualTo(m);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .startsWith("{\"algorithm\":\"sha256\",\"artifacts\":[")
                .contains("\"size\":5000");
    }

    @Test
    void readsTheDocumentedJsonForm() {
        String json =
                """
                {"algorithm": "sha512",
                 "artifacts": [ {"name": "a\\u00e9.zip", "size": 12, "sha512": "%s"} ]}
                """
                        .formatted("f".repeat(128));

        ArtifactManifest m = ArtifactManifest.parse(json.getBytes(StandardCharsets.UTF_8));

        assertThat(m.algorithm()).isEqualTo(DigestAlgorithm.SHA512);
        assertThat(m.entries()).containsExactly(ManifestEntry.of("aé.zip", "f".repeat(128), 12));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{",
                "[]",
                "{}",
                "{\"algorithm\":\"sha256\"}",
                "{\"algorithm\":\"md5\",\"artifacts\":[]}",
                "{\"algorithm\":\"sha256\",\"artifacts\":[],\"extra\":1}",
                "{\"algorithm\":\"sha256\",\"algorithm\":\"sha256\",\"artifacts\":[]}",
                "{\"algorithm\":\"sha256\",\"artifacts\":[]} trailing",
                "{\"algorithm\":\"sha256\",\"artifacts\":[],}",
                "{\"algorithm\":\"sha256\",\"artifacts\":[{\"name\":\"a\",\"size\":1}]}",
                "{\"algorithm\":\"sha256\",\"artifacts\":[{\"name\":\"a\",\"size\":-1,\"sha256\":\"%1$s\"}]}",
                "{\"algorithm\":\"sha256\",\"artifacts\":[{\"name\":\"a\",\"size\":1.5,\"sha256\":\"%1$s\"}]}",
                "{\"algorithm\":\"sha256\",\"artifacts\":[{\"name\":\"a\",\"size\":01,\"sha256\":\"%1$s\"}]}",
                "{\"algorithm\":\"sha256\",\"artifacts\":[{\"name\":\"a\",\"size\":\"1\",\"sha256\":\"%1$s\"}]}",
                "{\"algorithm\":\"sha256\",\"artifacts\":[{\"name\":\"a\",\"size\":1,\"sha256\":\"%2$s\"}]}",
                "{\"algorithm\":\"sha256\",\"artifacts\":[{\"name\":\"a\",\"size\":1,\"sha256\":\"ABC\"}]}",
                "{\"algorithm\":\"sha256\",\"artifacts\":[{\"name\":\"\\ud800\",\"size\":1,\"sha256\":\"%1$s\"}]}",
                "{\"algorithm\":\"sha256\",\"artifacts\":[{\"name\":\"a\\x\",\"size\":1,\"sha256\":\"%1$s\"}]}",
                "{\"algorithm\":\"sha256\",\"artifacts\":[{\"name\":\"tab\there\",\"size\":1,\"sha256\":\"%1$s\"}]}",
                "{\"algorithm\":\"sha256\",\"artifacts\":[{\"name\":\"a\",\"size\":1,\"sha256\":\"%1$s\"},"
                        + "{\"name\":\"a\",\"size\":1,\"sha256\":\"%1$s\"}]}",
                "{\"algorithm\":\"sha256\",\"artifacts\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
            })
    void refusesMalformedJson(String template) {
        String json = String.format(template, "0".repeat(64), "0".repeat(63));

        assertThatThrownBy(() -> ArtifactManifest.parseJson(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("manifest");
    }

    @Test
    void refusesJsonOfAnEntryWithoutSize() {
        ArtifactManifest m =
                ArtifactManifest.of(DigestAlgorithm.SHA256, List.of(ManifestEntry.of("a", "0".repeat(64))));

        assertThatThrownBy(m::toJson).hasMessageContaining("'a' has no size");
    }

    private List<ManifestEntry> writeFiles(DigestAlgorithm algorithm) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : AWKWARD_NAMES) {
            files.put(name, ("content of " + name).getBytes(StandardCharsets.UTF_8));
        }
        List<ManifestEntry> entries = new ArrayList<>();
        for (var f : files.entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
            String hex = HexFormat.of().formatHex(algorithm.newDigest().digest(f.getValue()));
            entries.add(new ManifestEntry(f.getKey(), hex, OptionalLong.of(f.getValue().length), true));
        }
        return entries;
    }
}
