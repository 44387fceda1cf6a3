package io.releasekit.docs;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.releasekit.aws.testkit.S3ProxyServer;
import io.releasekit.aws.testkit.StsServer;
import io.releasekit.github.FakeGitHub;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The outside world of one page, made before the service starts: tokens, git repositories with bare remotes, a
 * WireMock with recorded API shapes, an S3Proxy, an STS. {@link #variables()} are what the page's shell gets;
 * {@link #placeholders()} what its configuration may name.
 */
final class Fixtures implements AutoCloseable {

    private final Path dir;
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final Map<String, String> placeholders = new LinkedHashMap<>();
    private final StringBuilder tokensYaml = new StringBuilder();
    private final List<AutoCloseable> open = new ArrayList<>();

    private Fixtures(Path dir) {
        this.dir = dir;
    }

    /** Makes what the declaration names, below {@code dir}. */
    static Fixtures make(Declaration d, Path dir, Path resources) throws Exception {
        Fixtures f = new Fixtures(dir);
        Files.createDirectories(dir);
        f.placeholders.put("${fixtures}", dir.toString());
        f.tokens(d);
        for (Map.Entry<String, String> g : d.git().entrySet()) {
            f.git(g.getKey(), g.getValue(), resources);
        }
        if (!d.wiremock().isEmpty()) {
            f.wiremock(d.wiremock(), resources);
        }
        if (!d.github().isEmpty()) {
            f.github(d.github());
        }
        if (d.slack()) {
            WireMockServer slack = OutsideServices.slack();
            f.open.add(slack::stop);
            f.service("slack", slack.baseUrl());
        }
        if (!d.chat().isEmpty()) {
            f.chat(d.chat());
        }
        if (!d.deployments().isEmpty()) {
            WireMockServer status = PackitServices.deployments(dir, d.deployments());
            f.open.add(status::stop);
            f.service("deployments", status.baseUrl());
        }
        if (!d.quay().isEmpty()) {
            WireMockServer quay = QuayServer.start(d.quay());
            f.open.add(quay::stop);
            f.service("quay", quay.baseUrl());
            f.variables.put("QUAY_API_TOKEN", QuayServer.TOKEN);
        }
        if (!d.buckets().isEmpty()) {
            f.s3(d);
        }
        if (!d.stsRoles().isEmpty()) {
            StsServer sts = StsServer.start();
            f.open.add(sts);
            d.stsRoles().forEach(r -> sts.grant(r, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY));
            f.placeholders.put("${sts}", sts.endpoint().toString());
            f.variables.put("STS_ENDPOINT", sts.endpoint().toString());
        }
        return f;
    }

    private void tokens(Declaration d) {
        if (d.tokens().isEmpty()) {
            return; // embedded defaults: the service writes data/admin-token
        }
        Map<String, String> all = new LinkedHashMap<>(d.tokens());
        all.putIfAbsent("admin", "admin");
        tokensYaml.append("releasekit:\n  security:\n    tokens:\n");
        SecureRandom random = new SecureRandom();
        all.forEach((name, roles) -> {
            byte[] b = new byte[16];
            random.nextBytes(b);
            String token = "rk_docs_" + name + "_" + HexFormat.of().formatHex(b);
            tokensYaml
                    .append("      - name: ")
                    .append(name)
                    .append("\n        sha256: ")
                    .append(sha256(token))
                    .append("\n        roles: [")
                    .append(roles)
                    .append("]\n");
            variables.put(name.toUpperCase().replace('-', '_') + "_TOKEN", token);
        });
    }

    private void git(String name, String scenario, Path resources) throws Exception {
        Path script = resources.resolve("git").resolve(scenario + ".sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalArgumentException("no git scenario '" + scenario + "' (" + script + ")");
        }
        Path log = dir.resolve("git-" + name + ".log");
        Process p = new ProcessBuilder(
                        "bash",
                        "-euo",
                        "pipefail",
                        script.toString(),
                        dir.resolve(name + ".git").toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("git scenario " + scenario + " failed:\n" + Files.readString(log));
        }
    }

    private void wiremock(List<String> mappings, Path resources) throws IOException {
        WireMockServer wm =
                new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wm.start();
        open.add(wm::stop);
        for (String m : mappings) {
            Path d = resources.resolve("wiremock").resolve(m);
            if (!Files.isDirectory(d)) {
                throw new IllegalArgumentException("no WireMock mappings '" + m + "' (" + d + ")");
            }
            try (var files = Files.list(d)) {
                for (Path json : files.sorted().toList()) {
                    wm.addStubMapping(com.github.tomakehurst.wiremock.stubbing.StubMapping.buildFrom(
                            Files.readString(json, StandardCharsets.UTF_8)));
                }
            }
        }
        String url = "http://127.0.0.1:" + wm.port();
        placeholders.put("${wiremock}", url);
        variables.put("WIREMOCK", url);
    }

    private void github(List<String> scenario) throws Exception {
        FakeGitHub github;
        if (scenario.size() == 2 && scenario.get(0).equals("train")) {
            github = OutsideServices.trainGitHub(dir.resolve(scenario.get(1) + ".git"));
        } else if (scenario.equals(List.of("registry"))) {
            github = OutsideServices.registryGitHub(dir.getParent());
        } else if (scenario.size() > 1 && scenario.get(0).equals("packit")) {
            github = PackitServices.gitHub(dir, scenario.subList(1, scenario.size()));
        } else {
            throw new IllegalArgumentException(
                    "github " + scenario + ": the scenarios are 'github train <git fixture>',"
                            + " 'github registry' and 'github packit <git fixture>…'");
        }
        open.add(github);
        service("github", github.base());
    }

    private void chat(String scenario) {
        String[] w = scenario.split("\\s+", 2);
        if (w.length != 2 || !w[0].equals("packit")) {
            throw new IllegalArgumentException(
                    "chat " + scenario + ": the scenario is 'chat packit <the run's topic>'");
        }
        WireMockServer chat = PackitServices.chat(w[1]);
        open.add(chat::stop);
        service("chat", chat.baseUrl());
    }

    /** ${name} in the configuration and $NAME in the shell: the service's base URL. */
    private void service(String name, String url) {
        placeholders.put("${" + name + "}", url);
        variables.put(name.toUpperCase(), url);
    }

    private void s3(Declaration d) {
        S3ProxyServer s3 = S3ProxyServer.inMemory();
        open.add(s3);
        d.buckets().forEach(s3::createBucket);
        URI endpoint = s3.endpoint();
        placeholders.put("${s3}", endpoint.toString());
        variables.put("S3_ENDPOINT", endpoint.toString());
        if (d.objects().isEmpty()) {
            return;
        }
        try (S3Client client = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                .build()) {
            for (List<String> o : d.objects()) {
                String text = resolve(o.get(2)).replace("\\n", "\n");
                client.putObject(b -> b.bucket(o.get(0)).key(resolve(o.get(1))), RequestBody.fromString(text));
            }
        }
    }

    /** Replaces the placeholders in a text. */
    String resolve(String text) {
        String s = text;
        for (Map.Entry<String, String> e : placeholders.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        return s;
    }

    /** The YAML of the declared tokens (empty on embedded defaults). */
    String tokensYaml() {
        return tokensYaml.toString();
    }

    /** Variables the page's shell gets. */
    Map<String, String> variables() {
        return variables;
    }

    /** Where the fixtures live. */
    Path dir() {
        return dir;
    }

    static String sha256(String s) {
        return HexFormat.of().formatHex(sha256Bytes(s.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] sha256Bytes(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }
}
