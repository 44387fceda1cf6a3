package io.releasekit.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.releasekit.api.TestTokens;
import io.releasekit.core.artifact.ArtifactStores;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With no store configured, the service starts with one embedded file-system store and lists it. */
@MicronautTest
@Property(name = "releasekit.data-dir", value = "./target/stores-api-test-data")
class StoresApiTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ArtifactStores stores;

    @Test
    void listsTheEmbeddedDefaultStoreUnderTheDataDirectory() {
        List<Map<String, Object>> body = client.toBlocking()
                .retrieve(
                        HttpRequest.GET("/api/v1/stores"), Argument.listOf(Argument.mapOf(String.class, Object.class)));

        assertThat(body).hasSize(1);
        assertThat(body.get(0))
                .containsEntry("name", "local")
                .containsEntry("type", "fs")
                .containsEntry("services", List.of());
        Path expected = Path.of("target/stores-api-test-data/artifacts")
                .toAbsolutePath()
                .normalize();
        assertThat(body.get(0).get("location")).isEqualTo(expected.toUri().toString());
        assertThat(stores.names()).containsExactly("local");
        // the registry hands the store out guarded; the guarded store is the file-system store at that root
        assertThat(stores.get("local").location()).isEqualTo(expected.toUri().toString());
        assertThat(stores.get("local").service()).isEmpty();
    }

    @Test
    void aReaderMayListTheStores() {
        List<Map<String, Object>> body = client.toBlocking()
                .retrieve(
                        HttpRequest.GET("/api/v1/stores").bearerAuth(TestTokens.READER),
                        Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertThat(body).extracting(m -> m.get("name")).containsExactly("local");
    }

    @Test
    void documentsTheEndpointInTheOpenApiFile() {
        String yaml = client.toBlocking().retrieve("/swagger/releasekit-0.1.yml");
        assertThat(yaml).contains("/api/v1/stores").contains("Configured artifact stores");
    }
}
