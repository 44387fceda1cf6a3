package io.releasekit.registry;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.host.StreamSource;
import io.releasekit.core.image.Descriptor;
import io.releasekit.core.image.ImageConfig;
import io.releasekit.core.image.ImageDigest;
import io.releasekit.core.image.ImageManifest;
import io.releasekit.core.image.ImageRegistry;
import io.releasekit.core.image.ImageRepositories;
import io.releasekit.core.service.ServiceNames;
import io.releasekit.registry.internal.Json;
import io.releasekit.registry.internal.Manifests;
import io.releasekit.registry.internal.RegistryErrors;
import io.releasekit.registry.internal.RegistryHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link ImageRegistry} over the OCI Distribution API (v1.1; Docker Registry HTTP API v2), on the JDK HttpClient:
 * anonymous, HTTP Basic, or the bearer-token challenge flow of Docker Hub, Quay and GHCR. Manifests are read and
 * written byte for byte, so digests never change; blobs are mounted across repositories with {@code POST
 * .../blobs/uploads/?mount=&from=} and otherwise streamed in one monolithic {@code PUT} of known length, never through
 * local disk. Calls are not guarded here: take the registry from {@link io.releasekit.core.image.ImageRegistries}.
 *
 * <pre>{@code
 * ImageRegistry quay = OciImageRegistry.builder("quay", URI.create("https://quay.io"))
 *         .credentials(RegistryCredentials.basic("packit+ci", Secret.of(token, "quay robot token"))).build();
 * }</pre>
 */
public final class OciImageRegistry implements ImageRegistry {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final String ACCEPT = String.join(
            ", ",
            ImageManifest.OCI_INDEX,
            ImageManifest.OCI_MANIFEST,
            ImageManifest.DOCKER_LIST,
            ImageManifest.DOCKER_MANIFEST);
    private static final int MAX_MANIFEST = 4 * 1024 * 1024;
    private static final int MAX_CONFIG = 8 * 1024 * 1024;
    private static final int MAX_PAGES = 10_000;

    private final String name;
    private final URI base;
    private final String host;
    private final String service;
    private final RegistryHttp http;
    private final int tagPageSize;

    private OciImageRegistry(Builder b) {
        this.name = b.name;
        this.base = b.base;
        this.host = b.base.getPort() < 0 ? b.base.getHost() : b.base.getHost() + ":" + b.base.getPort();
        this.service = ServiceNames.registry(host);
        this.http = new RegistryHttp(b.base, b.credentials, new RegistryErrors(service), b.timeout);
        this.tagPageSize = b.tagPageSize;
    }

    /**
     * A builder.
     *
     * @param name the name the registry is configured under
     * @param base the registry's base URI, {@code https://quay.io} or {@code http://localhost:5000}
     */
    public static Builder builder(String name, URI base) {
        return new Builder(name, base);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public String service() {
        return service;
    }

    /** The base URI. */
    public URI base() {
        return base;
    }

    @Override
    public List<String> listTags(String repository) {
        String repo = ImageRepositories.check(repository);
        List<String> tags = new ArrayList<>();
        String next = "/v2/" + repo + "/tags/list?n=" + tagPageSize;
        for (int page = 0; next != null && page < MAX_PAGES; page++) {
            String path = next;
            HttpResponse<byte[]> r = http.expectOk(() -> get(path), pull(repo), "list tags of '" + repo + "'");
            Json.parse(r.body(), "tag list of '" + repo + "'").path("tags").forEach(t -> tags.add(t.asText()));
            next = r.headers()
                    .firstValue("Link")
                    .map(OciImageRegistry::nextLink)
                    .orElse(null);
        }
        return tags;
    }

    private static String nextLink(String link) {
        Matcher m = NEXT.matcher(link);
        return m.find() ? m.group(1) : null;
    }

    @Override
    public Optional<ImageManifest> manifest(String repository, String reference) {
        String repo = ImageRepositories.check(repository);
        String ref = ImageRepositories.checkReference(reference);
        String where = "read manifest '" + repo + ":" + ref + "'";
        HttpResponse<byte[]> r = http.send(
                () -> get("/v2/" + repo + "/manifests/" + ref).header("Accept", ACCEPT),
                HttpResponse.BodyHandlers.ofByteArray(),
                pull(repo),
                where);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() / 100 != 2) {
            throw http.errors().translate(r.statusCode(), r.headers(), r.body(), where);
        }
        if (r.body().length > MAX_MANIFEST) {
            throw new InvalidInputException(where + ": manifest is larger than " + MAX_MANIFEST + " bytes");
        }
        ImageManifest m = Manifests.parse(r.body(), r.headers().firstValue("Content-Type"), repo + ":" + ref);
        if (ImageDigest.isDigest(ref) && !m.digest().value().equals(ref)) {
            throw new InvalidInputException(where + ": the registry answered content with digest " + m.digest());
        }
        return Optional.of(m);
    }

    @Override
    public Optional<ImageDigest> resolve(String repository, String reference) {
        String repo = ImageRepositories.check(repository);
        String ref = ImageRepositories.checkReference(reference);
        String where = "resolve '" + repo + ":" + ref + "'";
        HttpResponse<byte[]> r = http.send(
                () -> HttpRequest.newBuilder(http.uri("/v2/" + repo + "/manifests/" + ref))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .header("Accept", ACCEPT),
                HttpResponse.BodyHandlers.ofByteArray(),
                pull(repo),
                where);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() / 100 != 2) {
            throw http.errors().translate(r.statusCode(), r.headers(), new byte[0], where);
        }
        Optional<String> header =
                r.headers().firstValue("Docker-Content-Digest").filter(ImageDigest::isDigest);
        return header.isPresent()
                ? header.map(ImageDigest::of)
                : manifest(repo, ref).map(ImageManifest::digest);
    }

    @Override
    public ImageConfig config(String repository, ImageManifest manifest) {
        String repo = ImageRepositories.check(repository);
        ImageManifest m = manifest;
        if (m.isIndex()) {
            Optional<ImageDigest> child = Manifests.preferredChild(m, m.bytes());
            if (child.isEmpty()) {
                return ImageConfig.empty();
            }
            m = manifest(repo, child.get().value())
                    .orElseThrow(() -> new NotFoundException("index " + manifest.digest() + " names " + child.get()
                            + ", which '" + repo + "' does not have"));
        }
        if (m.config().isEmpty()
                || !m.config().get().mediaType().contains("config")
                || m.config().get().size() > MAX_CONFIG) {
            return ImageConfig.empty();
        }
        ImageDigest digest = m.config().get().digest();
        try (InputStream in = openBlob(repo, digest)) {
            return Manifests.config(in.readNBytes(MAX_CONFIG), repo + "@" + digest);
        } catch (IOException e) {
            throw http.errors().unreachable(e, "read config " + digest + " of '" + repo + "'");
        }
    }

    @Override
    public boolean hasBlob(String repository, ImageDigest digest) {
        String repo = ImageRepositories.check(repository);
        String where = "check blob " + digest + " in '" + repo + "'";
        HttpResponse<byte[]> r = http.send(
                () -> HttpRequest.newBuilder(http.uri("/v2/" + repo + "/blobs/" + digest))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.ofByteArray(),
                pull(repo),
                where);
        if (r.statusCode() == 404) {
            return false;
        }
        if (r.statusCode() / 100 == 2 || r.statusCode() / 100 == 3) {
            return true;
        }
        throw http.errors().translate(r.statusCode(), r.headers(), new byte[0], where);
    }

    @Override
    public boolean mountBlob(String repository, ImageDigest digest, String fromRepository) {
        String repo = ImageRepositories.check(repository);
        String from = ImageRepositories.check(fromRepository);
        String where = "mount blob " + digest + " from '" + from + "' into '" + repo + "'";
        HttpResponse<byte[]> r = http.send(
                () -> HttpRequest.newBuilder(http.uri("/v2/" + repo + "/blobs/uploads/?mount="
                                + RegistryHttp.q(digest.value()) + "&from=" + RegistryHttp.q(from)))
                        .POST(HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.ofByteArray(),
                push(repo) + " " + pull(from),
                where);
        if (r.statusCode() == 201) {
            return true;
        }
        if (r.statusCode() == 202) {
            cancel(repo, r, where);
            return false;
        }
        throw http.errors().translate(r.statusCode(), r.headers(), r.body(), where);
    }

    private void cancel(String repo, HttpResponse<?> session, String where) {
        session.headers()
                .firstValue("Location")
                .ifPresent(l -> http.send(
                        () -> HttpRequest.newBuilder(http.uri(l)).DELETE(),
                        HttpResponse.BodyHandlers.discarding(),
                        push(repo),
                        where + ": cancel upload"));
    }

    @Override
    public InputStream openBlob(String repository, ImageDigest digest) {
        String repo = ImageRepositories.check(repository);
        String where = "read blob " + digest + " of '" + repo + "'";
        HttpResponse<InputStream> r = http.send(
                () -> get("/v2/" + repo + "/blobs/" + digest),
                HttpResponse.BodyHandlers.ofInputStream(),
                pull(repo),
                where);
        int s = r.statusCode();
        if (s == 301 || s == 302 || s == 303 || s == 307 || s == 308) {
            close(r.body());
            URI location = http.uri(r.headers().firstValue("Location").orElseThrow(() -> http.errors()
                    .translate(502, r.headers(), new byte[0], where + ": redirect without Location")));
            return http.follow(location, where).body();
        }
        if (s / 100 != 2) {
            byte[] body = readSome(r.body());
            throw http.errors().translate(s, r.headers(), body, where);
        }
        return r.body();
    }

    @Override
    public void pushBlob(String repository, Descriptor blob, StreamSource content) {
        String repo = ImageRepositories.check(repository);
        String where = "upload blob " + blob.digest() + " to '" + repo + "'";
        HttpResponse<byte[]> start = http.expectOk(
                () -> HttpRequest.newBuilder(http.uri("/v2/" + repo + "/blobs/uploads/"))
                        .POST(HttpRequest.BodyPublishers.noBody()),
                push(repo),
                where);
        String location = start.headers().firstValue("Location").orElseThrow(() -> http.errors()
                .translate(502, start.headers(), new byte[0], where + ": no upload Location"));
        URI put = http.uri(location + (location.contains("?") ? "&" : "?") + "digest="
                + RegistryHttp.q(blob.digest().value()));
        http.expectOk(
                () -> HttpRequest.newBuilder(put)
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> open(content, where)), blob.size())),
                push(repo),
                where);
    }

    @Override
    public ImageDigest putManifest(String repository, String reference, String mediaType, byte[] bytes) {
        String repo = ImageRepositories.check(repository);
        String ref = ImageRepositories.checkReference(reference);
        Objects.requireNonNull(mediaType, "mediaType");
        String where = "write manifest '" + repo + ":" + ref + "'";
        HttpResponse<byte[]> r = http.expectOk(
                () -> HttpRequest.newBuilder(http.uri("/v2/" + repo + "/manifests/" + ref))
                        .header("Content-Type", mediaType)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)),
                push(repo),
                where);
        return r.headers()
                .firstValue("Docker-Content-Digest")
                .filter(ImageDigest::isDigest)
                .map(ImageDigest::of)
                .orElseGet(() -> Manifests.sha256(bytes));
    }

    @Override
    public void deleteManifest(String repository, ImageDigest digest) {
        String repo = ImageRepositories.check(repository);
        http.expectOk(
                () -> HttpRequest.newBuilder(http.uri("/v2/" + repo + "/manifests/" + digest))
                        .DELETE(),
                "repository:" + repo + ":delete",
                "delete manifest " + digest + " of '" + repo + "'");
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(http.uri(path)).GET();
    }

    private static String pull(String repo) {
        return "repository:" + repo + ":pull";
    }

    private static String push(String repo) {
        return "repository:" + repo + ":pull,push";
    }

    private static InputStream open(StreamSource content, String where) {
        try {
            return content.open();
        } catch (IOException e) {
            throw new UncheckedIOException(where + ": opening the source failed", e);
        }
    }

    private static byte[] readSome(InputStream in) {
        try (in) {
            return in.readNBytes(4096);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to do about a redirect body
        }
    }

    /** Builds an {@link OciImageRegistry}. */
    public static final class Builder {
        private final String name;
        private final URI base;
        private RegistryCredentials credentials = RegistryCredentials.anonymous();
        private Duration timeout = Duration.ofSeconds(60);
        private int tagPageSize = 1000;

        private Builder(String name, URI base) {
            if (name == null || name.isBlank()) {
                throw new InvalidInputException("registry name is empty");
            }
            Objects.requireNonNull(base, "base");
            if (!("https".equals(base.getScheme()) || "http".equals(base.getScheme())) || base.getHost() == null) {
                throw new InvalidInputException(
                        "registry '" + name + "' base URI must be http(s)://host[:port], was '" + base + "'");
            }
            this.name = name;
            this.base = base;
        }

        /** How to sign in; anonymous by default. */
        public Builder credentials(RegistryCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** The time limit of one request; 60 s by default (a layer upload is one request). */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How many tags to ask for per page of a tag list; 1000 by default (registries may answer fewer). */
        public Builder tagPageSize(int n) {
            if (n < 1 || n > 10_000) {
                throw new InvalidInputException("tag page size must be 1..10000, was " + n);
            }
            this.tagPageSize = n;
            return this;
        }

        /** The registry. */
        public OciImageRegistry build() {
            return new OciImageRegistry(this);
        }
    }
}
