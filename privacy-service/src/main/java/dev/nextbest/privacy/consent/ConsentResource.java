package dev.nextbest.privacy.consent;

import dev.nextbest.commons.security.Caller;
import dev.nextbest.commons.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/privacy/v1/customers/{customerId}/consents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consent ledger", description = "Customers' consents by purpose, with their whole history")
public class ConsentResource {

    static final String CUSTOMER_ID = "cus_[0-9a-f]{32}";
    static final String CUSTOMER_ID_MESSAGE = "must be a pseudonymous customer id (cus_ and 32 hex digits)";

    private final ConsentLedger ledger;
    private final Caller caller;

    public ConsentResource(ConsentLedger ledger, Caller caller) {
        this.ledger = ledger;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENT, Roles.CHANNEL_APP, Roles.SERVICE, Roles.ADMIN})
    @Operation(summary = "Record a customer's decisions about purposes; Sec-GPC: 1 also records a refusal of sharing and profiling")
    @APIResponse(responseCode = "400", description = "Invalid", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "403", description = "Another customer than the token's", content = @Content(mediaType = "application/problem+json"))
    public Uni<ConsentState> record(@PathParam("customerId") @Pattern(regexp = CUSTOMER_ID, message = CUSTOMER_ID_MESSAGE) String customerId,
                                    @HeaderParam("Sec-GPC") String gpc,
                                    @NotNull(message = "a JSON body is required") @Valid ConsentRequest request) {
        caller.checkMayActFor(customerId);
        return ledger.record(customerId, request, "1".equals(gpc == null ? null : gpc.trim()), caller.clientId());
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.CHANNEL_APP, Roles.SERVICE, Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @Operation(summary = "A customer's consents now (an expired grant shows as EXPIRED), and every decision, newest first")
    @APIResponse(responseCode = "403", description = "Another customer than the token's", content = @Content(mediaType = "application/problem+json"))
    public Uni<ConsentState> state(@PathParam("customerId") @Pattern(regexp = CUSTOMER_ID, message = CUSTOMER_ID_MESSAGE) String customerId) {
        caller.checkMayActFor(customerId);
        return ledger.state(customerId);
    }
}
