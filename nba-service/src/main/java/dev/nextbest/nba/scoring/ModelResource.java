package dev.nextbest.nba.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nextbest.commons.security.Caller;
import dev.nextbest.commons.security.Roles;
import dev.nextbest.commons.web.Problems;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

@Path("/nba/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Models", description = "ONNX models that score action groups")
public class ModelResource {

    static final long MAX_BYTES = 64L * 1024 * 1024;

    private final ModelRegistry registry;
    private final ObjectMapper json;
    private final Validator validator;
    private final Caller caller;

    public ModelResource(ModelRegistry registry, ObjectMapper json, Validator validator, Caller caller) {
        this.registry = registry;
        this.json = json;
        this.validator = validator;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.MARKETER, Roles.ADMIN})
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload a model version: part 'model' the ONNX bytes, part 'descriptor' JSON {name, description, groups, features}."
            + " Validated first; once stored it serves its groups at once")
    @APIResponse(responseCode = "201", description = "Stored and serving")
    @APIResponse(responseCode = "400", description = "Refused, with the reason; the serving model keeps serving",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<Response> upload(@RestForm("model") FileUpload model,
                                @RestForm("descriptor") @PartType(MediaType.TEXT_PLAIN) String descriptor) {
        if (model == null || descriptor == null) {
            throw Problems.badRequest("send two parts: 'model' (the ONNX file) and 'descriptor' (JSON)");
        }
        if (model.size() > MAX_BYTES || model.size() == 0) {
            throw Problems.badRequest("the model must be 1 byte to 64 MiB; it is " + model.size() + " bytes");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(model.uploadedFile());
        } catch (IOException e) {
            throw new IllegalStateException("the uploaded file cannot be read", e);
        }
        ModelDescriptor parsed = parse(descriptor);
        return registry.upload(bytes, parsed, caller.clientId())
                .map(view -> Response.status(Response.Status.CREATED).entity(view).build());
    }

    @GET
    @RolesAllowed({Roles.MARKETER, Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @Operation(summary = "Every model version, and which ones serve")
    public Uni<List<ModelView>> list() {
        return registry.list();
    }

    private ModelDescriptor parse(String text) {
        ModelDescriptor descriptor;
        try {
            descriptor = json.readValue(text, ModelDescriptor.class);
        } catch (JsonProcessingException e) {
            throw Problems.badRequest("the descriptor is not valid JSON of the expected shape: " + e.getOriginalMessage());
        }
        if (descriptor == null) {
            throw Problems.badRequest("the descriptor is empty");
        }
        Set<ConstraintViolation<ModelDescriptor>> violations = validator.validate(descriptor);
        if (!violations.isEmpty()) {
            throw Problems.badRequest("the descriptor is invalid: " + violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining("; ")));
        }
        return descriptor;
    }
}
