package io.releasekit.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a page needs to run, from its {@code <!-- docs-harness ... -->} comment, one item a line:
 *
 * <pre>
 * token alice release-manager        # $ALICE_TOKEN, a static token with these roles (comma-separated)
 * git component aether               # fixtures/git/aether.sh makes ${fixtures}/component.git (a bare remote)
 * wiremock helm                      # one WireMock with the mappings of fixtures/wiremock/helm: $WIREMOCK
 * github train operators             # GitHub (WireMock) as seed 002's scenario for git fixture operators: $GITHUB
 * github registry                    # GitHub (WireMock) as seed 001's registry before release-0.1.2: $GITHUB
 * slack                              # Slack's Web API (WireMock), channel C0TRAIN0001: $SLACK
 * github packit packit-service packit # GitHub (WireMock) as seed 004's scenario for these git fixtures: $GITHUB
 * chat packit TOPIC                  # Slack, Matrix, Mastodon (WireMock) as seed 004's scenario, banner TOPIC: $CHAT
 * deployments packit-service packit  # status endpoints: staging runs main, production the remote's stable: $DEPLOYMENTS
 * quay packit/packit-service         # Quay's tag and distribution API (WireMock), weekly images: $QUAY
 * s3 ci-artifacts prod-releases      # one S3Proxy with these buckets: $S3_ENDPOINT
 * s3-object ci-artifacts KEY TEXT    # an object in a bucket before the page runs
 * sts arn:aws:iam::1:role/x          # an STS (WireMock) granting the role S3Proxy's key pair: $STS_ENDPOINT
 * env NAME=VALUE                     # exported before the first block (VALUE is bash: $ALICE_TOKEN works)
 * service page                       # the page starts the service itself (the quickstart); default: the harness
 * config:                            # the rest of the comment: the service's YAML configuration
 * </pre>
 *
 * In {@code config}, {@code env} values and {@code s3-object} texts, {@code ${fixtures}}, {@code ${wiremock}},
 * {@code ${s3}}, {@code ${sts}}, {@code ${github}}, {@code ${slack}}, {@code ${chat}}, {@code ${deployments}} and
 * {@code ${quay}} name the fixtures.
 *
 * @param tokens token name → roles
 * @param git repository name → scenario script
 * @param wiremock mapping directories
 * @param github GitHub scenario and the git fixture it serves (empty: no GitHub)
 * @param slack whether Slack runs
 * @param chat seed 004's chat scenario and the run's banner ({@code packit TOPIC}; empty: no chat)
 * @param deployments git fixtures the status endpoints report (empty: none)
 * @param quay image repositories Quay serves (empty: no Quay)
 * @param buckets S3Proxy buckets
 * @param objects objects to put: bucket, key, text
 * @param stsRoles roles the STS grants
 * @param env exported variables, in order
 * @param pageStartsService whether the page starts the service itself
 * @param config the service's YAML
 */
record Declaration(
        Map<String, String> tokens,
        Map<String, String> git,
        List<String> wiremock,
        List<String> github,
        boolean slack,
        String chat,
        List<String> deployments,
        List<String> quay,
        List<String> buckets,
        List<List<String>> objects,
        List<String> stsRoles,
        List<String> env,
        boolean pageStartsService,
        String config) {

    private static final String OPEN = "<!-- docs-harness";

    static Declaration parse(String page, List<String> lines) {
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, String> git = new LinkedHashMap<>();
        List<String> wiremock = new ArrayList<>();
        List<String> github = new ArrayList<>();
        boolean slack = false;
        String chat = "";
        List<String> deployments = new ArrayList<>();
        List<String> quay = new ArrayList<>();
        List<String> buckets = new ArrayList<>();
        List<List<String>> objects = new ArrayList<>();
        List<String> sts = new ArrayList<>();
        List<String> env = new ArrayList<>();
        boolean pageStarts = false;
        StringBuilder config = new StringBuilder();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(OPEN)) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            return new Declaration(
                    Map.of(), Map.of(), List.of(), List.of(), false, "", List.of(), List.of(), List.of(), List.of(),
                    List.of(), List.of(), false, "");
        }
        boolean inConfig = false;
        for (int i = start + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().equals("-->")) {
                return new Declaration(
                        tokens,
                        git,
                        wiremock,
                        github,
                        slack,
                        chat,
                        deployments,
                        quay,
                        buckets,
                        objects,
                        sts,
                        env,
                        pageStarts,
                        config.toString());
            }
            if (inConfig) {
                config.append(line).append('\n');
                continue;
            }
            String item = line.replaceFirst("\\s+#\\s.*$", "").strip();
            if (item.isEmpty() || item.startsWith("#")) {
                continue;
            }
            String[] w = item.split("\\s+", 2);
            String rest = w.length > 1 ? w[1] : "";
            switch (w[0]) {
                case "token" -> {
                    String[] t = rest.split("\\s+");
                    tokens.put(t[0], t[1]);
                }
                case "git" -> {
                    String[] g = rest.split("\\s+");
                    git.put(g[0], g[1]);
                }
                case "wiremock" -> wiremock.addAll(List.of(rest.split("\\s+")));
                case "github" -> github.addAll(List.of(rest.split("\\s+")));
                case "slack" -> slack = true;
                case "chat" -> chat = rest;
                case "deployments" -> deployments.addAll(List.of(rest.split("\\s+")));
                case "quay" -> quay.addAll(List.of(rest.split("\\s+")));
                case "s3" -> buckets.addAll(List.of(rest.split("\\s+")));
                case "s3-object" -> objects.add(List.of(rest.split("\\s+", 3)));
                case "sts" -> sts.addAll(List.of(rest.split("\\s+")));
                case "env" -> env.add(rest);
                case "service" -> pageStarts = rest.equals("page");
                case "config:" -> inConfig = true;
                default ->
                    throw new IllegalArgumentException(page + ":" + (i + 1) + ": unknown docs-harness item '" + w[0]
                            + "' (token, git, wiremock, github, slack, chat, deployments, quay, s3,"
                            + " s3-object, sts, env, service, config:)");
            }
        }
        throw new IllegalArgumentException(page + ":" + (start + 1) + ": the docs-harness comment is not closed (-->)");
    }
}
