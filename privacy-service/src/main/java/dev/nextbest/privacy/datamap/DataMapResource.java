package dev.nextbest.privacy.datamap;

import dev.nextbest.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Collection;
import java.util.List;

@Path("/privacy/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Data map", description = "The taxonomy, and what each service holds and reads, for which uses")
@RolesAllowed({Roles.PRIVACY_OFFICER, Roles.MARKETER, Roles.ADMIN})
public class DataMapResource {

    private final DataMap dataMap;

    public DataMapResource(DataMap dataMap) {
        this.dataMap = dataMap;
    }

    public record TaxonomyView(Collection<Taxonomy.Term> dataCategories, Collection<Taxonomy.Term> dataUses,
                               Collection<Taxonomy.Term> dataSubjects) {
    }

    public record DataMapView(String checksum, List<SystemDeclaration> systems) {
    }

    @GET
    @Path("taxonomy")
    @Operation(summary = "The data categories, data uses and data subjects (fideslang keys)")
    public TaxonomyView taxonomy() {
        Taxonomy taxonomy = dataMap.taxonomy();
        return new TaxonomyView(taxonomy.categories(), taxonomy.uses(), taxonomy.subjects());
    }

    @GET
    @Path("datamap")
    @Operation(summary = "Every service's data map, and the checksum assessments name")
    public DataMapView dataMap() {
        return new DataMapView(dataMap.checksum(), dataMap.systems());
    }
}
