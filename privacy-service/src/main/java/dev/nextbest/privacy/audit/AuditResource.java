package dev.nextbest.privacy.audit;

import dev.nextbest.commons.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/privacy/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit log", description = "Append-only, hash-chained record of assessments, decisions and policy changes")
@RolesAllowed({Roles.PRIVACY_OFFICER, Roles.ADMIN})
public class AuditResource {

    private final AuditLog audit;

    public AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "The latest entries, newest first")
    public Uni<List<AuditEntry>> latest(@QueryParam("limit") @DefaultValue("100")
                                        @Pattern(regexp = "[0-9]{1,9}", message = "must be a whole number")
                                        @Min(1) @Max(1000) String limit) {
        return audit.latest(Integer.parseInt(limit));
    }

    @GET
    @Path("verify")
    @Operation(summary = "Check the whole chain: intact, or the first entry that was changed, inserted or removed")
    public Uni<AuditLog.Verification> verify() {
        return audit.verify();
    }
}
