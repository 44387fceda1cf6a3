package io.releasekit.api.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.api.problem.ProblemResponses;
import io.releasekit.api.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** The configured artifact stores, read-only: name, type, location and the services each depends on. */
@Controller("/api/v1/stores")
@Tag(name = "stores")
@ProblemResponses
public class StoresController {

    private final ConfiguredStores stores;

    StoresController(ConfiguredStores stores) {
        this.stores = stores;
    }

    /** Every configured store; never credentials. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get
    @Operation(
            operationId = "listStores",
            summary = "Configured artifact stores",
            description = "Name, type (fs or s3), location and the guarded services each store depends on "
                    + "(s3:<region>, sts:<region> for an assumed role). Credentials are never shown.")
    public List<StoreView> list() {
        return stores.entries().stream().map(StoreView::of).toList();
    }

    /**
     * One store.
     *
     * @param name the name processes refer to it by
     * @param type {@code fs} or {@code s3}
     * @param location where its objects live, e.g. {@code s3://ferrocene-prod-releases/dist/}
     * @param services the guarded services it depends on, e.g. {@code [s3:us-east-1, sts:us-east-1]}
     */
    @Serdeable
    @Schema(name = "Store")
    public record StoreView(
            String name,
            @Schema(
                            allowableValues = {"fs", "s3"},
                            requiredMode = Schema.RequiredMode.REQUIRED)
                    String type,
            String location,
            @JsonInclude(JsonInclude.Include.ALWAYS) List<String> services) {
        static StoreView of(ConfiguredStores.Entry e) {
            return new StoreView(
                    e.name(), e.type(), e.store().location(), e.store().services());
        }
    }
}
