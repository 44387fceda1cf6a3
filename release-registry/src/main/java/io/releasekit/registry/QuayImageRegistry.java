package io.releasekit.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotPermittedException;
import io.releasekit.core.host.StreamSource;
import io.releasekit.core.image.Descriptor;
import io.releasekit.core.image.ImageConfig;
import io.releasekit.core.image.ImageDigest;
import io.releasekit.core.image.ImageManifest;
import io.releasekit.core.image.ImageRegistry;
import io.releasekit.core.image.ImageRepositories;
import io.releasekit.core.redact.Secret;
import io.releasekit.registry.internal.Json;
import io.releasekit.registry.internal.RegistryErrors;
import io.releasekit.registry.internal.RegistryHttp;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ImageRegistry} for Quay (quay.io or a Quay installation): images move over the distribution API (an {@link
 * OciImageRegistry} with the robot account), tags are listed, removed and given an expiry through Quay's own API
 * ({@code /api/v1/repository/<repo>/tag/}) with an OAuth application token. Quay removes a tag alone, so retention
 * never has to delete a manifest that a kept tag still names; where the distribution {@code DELETE} of a manifest is
 * refused, every tag naming the manifest is removed through the API instead.
 */
public final class QuayImageRegistry implements ImageRegistry {

    private static final int MAX_PAGES = 1_000;

    private final OciImageRegistry distribution;
    private final RegistryHttp api;
    private final Secret apiToken;

    /**
     * @param distribution the registry's distribution API (same host)
     * @param apiBase Quay's base URL for its API ({@code https://quay.io}); usually the registry's own base
     * @param apiToken the OAuth application token for Quay's API
     */
    public QuayImageRegistry(OciImageRegistry distribution, URI apiBase, Secret apiToken) {
        this.distribution = Objects.requireNonNull(distribution, "distribution");
        this.apiToken = Objects.requireNonNull(apiToken, "apiToken");
        this.api = new RegistryHttp(
                Objects.requireNonNull(apiBase, "apiBase"),
                RegistryCredentials.anonymous(),
                new RegistryErrors(distribution.service()),
                Duration.ofSeconds(60));
    }

    @Override
    public String name() {
        return distribution.name();
    }

    @Override
    public String host() {
        return distribution.host();
    }

    @Override
    public String service() {
        return distribution.service();
    }

    /** Every active tag, read page by page from Quay's tag API. */
    @Override
    public List<String> listTags(String repository) {
        List<String> tags = new ArrayList<>();
        for (JsonNode t : tagRecords(repository)) {
            tags.add(t.path("name").asText());
        }
        return tags;
    }

    /**
     * Quay's active tag records of a repository as Quay answers them ({@code name}, {@code manifest_digest},
     * {@code size}, {@code start_ts}, {@code last_modified}, {@code expiration}).
     */
    public List<JsonNode> tagRecords(String repository) {
        String repo = ImageRepositories.check(repository);
        List<JsonNode> out = new ArrayList<>();
        boolean more = true;
        for (int page = 1; more && page <= MAX_PAGES; page++) {
            String path = "/api/v1/repository/" + repo + "/tag/?onlyActiveTags=true&limit=100&page=" + page;
            HttpResponse<byte[]> r = api.expectOk(() -> authorized(path).GET(), "", "list Quay tags of '" + repo + "'");
            JsonNode json = Json.parse(r.body(), "Quay tag list of '" + repo + "'");
            json.path("tags").forEach(out::add);
            more = json.path("has_additional").asBoolean(false);
        }
        return out;
    }

    @Override
    public Optional<ImageManifest> manifest(String repository, String reference) {
        return distribution.manifest(repository, reference);
    }

    @Override
    public Optional<ImageDigest> resolve(String repository, String reference) {
        return distribution.resolve(repository, reference);
    }

    @Override
    public ImageConfig config(String repository, ImageManifest manifest) {
        return distribution.config(repository, manifest);
    }

    @Override
    public boolean hasBlob(String repository, ImageDigest digest) {
        return distribution.hasBlob(repository, digest);
    }

    @Override
    public boolean mountBlob(String repository, ImageDigest digest, String fromRepository) {
        return distribution.mountBlob(repository, digest, fromRepository);
    }

    @Override
    public InputStream openBlob(String repository, ImageDigest digest) {
        return distribution.openBlob(repository, digest);
    }

    @Override
    public void pushBlob(String repository, Descriptor blob, StreamSource content) {
        distribution.pushBlob(repository, blob, content);
    }

    @Override
    public ImageDigest putManifest(String repository, String reference, String mediaType, byte[] bytes) {
        return distribution.putManifest(repository, reference, mediaType, bytes);
    }

    @Override
    public boolean supportsTagDelete() {
        return true;
    }

    /** Removes one tag through Quay's API; the manifest stays while another tag names it. */
    @Override
    public void deleteTag(String repository, String tag) {
        String repo = ImageRepositories.check(repository);
        String t = ImageRepositories.checkTag(tag);
        api.expectOk(
                () -> authorized("/api/v1/repository/" + repo + "/tag/" + t).DELETE(),
                "",
                "delete Quay tag '" + repo + ":" + t + "'");
    }

    /**
     * Deletes a manifest: with the distribution API, or where Quay refuses that, by removing every tag that names it
     * (Quay collects untagged manifests itself).
     */
    @Override
    public void deleteManifest(String repository, ImageDigest digest) {
        try {
            distribution.deleteManifest(repository, digest);
        } catch (NotPermittedException e) {
            for (JsonNode t : tagRecords(repository)) {
                if (digest.value().equals(t.path("manifest_digest").asText())) {
                    deleteTag(repository, t.path("name").asText());
                }
            }
        }
    }

    /**
     * Sets a tag to expire at a time (Quay removes it then), e.g. instead of deleting at once.
     *
     * @throws InvalidInputException when the time is not in the future
     */
    public void expireTag(String repository, String tag, Instant at) {
        String repo = ImageRepositories.check(repository);
        String t = ImageRepositories.checkTag(tag);
        if (!at.isAfter(Instant.now())) {
            throw new InvalidInputException("expiry of '" + repo + ":" + t + "' must be in the future, was " + at);
        }
        byte[] body = Json.bytes(Json.object().put("expiration", at.getEpochSecond()));
        api.expectOk(
                () -> authorized("/api/v1/repository/" + repo + "/tag/" + t)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)),
                "",
                "set expiry of Quay tag '" + repo + ":" + t + "'");
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(api.uri(path)).header("Authorization", "Bearer " + apiToken.reveal());
    }
}
