package dev.nextbest.nba.catalog;

import dev.nextbest.commons.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/nba/v1/catalog/settings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Action catalogue")
public class DecisionSettingsResource {

    private final DecisionSettingsStore store;

    public DecisionSettingsResource(DecisionSettingsStore store) {
        this.store = store;
    }

    @GET
    @RolesAllowed({Roles.MARKETER, Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @Operation(summary = "How decisions are made: contact caps, placements, control group, exploration, arbitration, service level")
    public Uni<DecisionSettings> get() {
        return Panache.withSession(store::current);
    }

    @PUT
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the decision settings; live at once")
    public Uni<DecisionSettings> put(@NotNull(message = "a JSON body is required") @Valid DecisionSettings settings) {
        return store.replace(settings);
    }
}
