package dev.nextbest.profile.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nextbest.commons.events.PoisonEventException;
import dev.nextbest.commons.security.Caller;
import dev.nextbest.commons.security.Roles;
import dev.nextbest.commons.web.Problems;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Behaviour events over HTTP, for channels that do not write to Kafka themselves: one CloudEvent, or a batch
 * of up to 1,000 as a JSON array. Each event gets the same checks as on the topic; the good ones are written
 * to {@code customer-events} and the answer (202) comes once Kafka holds them, the bad ones are reported one
 * by one. Sending a batch again is safe: events are processed once per id.
 */
@Path("/profile/v1/events")
@Tag(name = "Ingestion", description = "Behaviour events from any channel")
public class EventIngestionResource {

    static final int MAX_BATCH = 1_000;

    private static final Logger LOG = Logger.getLogger(EventIngestionResource.class);

    private final CustomerEventReader reader;
    private final CustomerEventPublisher publisher;
    private final ObjectMapper json;
    private final Caller caller;
    private final RawIdentifiers rawIdentifiers;

    public EventIngestionResource(CustomerEventReader reader, CustomerEventPublisher publisher, ObjectMapper json,
                                  Caller caller, RawIdentifiers rawIdentifiers) {
        this.rawIdentifiers = rawIdentifiers;
        this.reader = reader;
        this.publisher = publisher;
        this.json = json;
        this.caller = caller;
    }

    @POST
    @Consumes({"application/cloudevents-batch+json", "application/cloudevents+json", MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENT, Roles.CHANNEL_APP, Roles.SERVICE, Roles.ADMIN})
    @Operation(summary = "Send one customer event, or a batch of up to 1,000 (a JSON array)")
    @APIResponse(responseCode = "202", description = "The accepted events are in Kafka; refused ones are listed by index")
    @APIResponse(responseCode = "400", description = "Not JSON, an empty or too large batch, or every event refused",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "503", description = "Kafka did not take the events; send them again",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<Response> ingest(byte[] body) {
        List<JsonNode> items = items(body);
        // Events that name their customer by raw identifiers are resolved first (concurrently); a refusal is
        // that event's reason, the others go on.
        List<Uni<Object>> resolving = items.stream().map(item -> rawIdentifiers.carries(item)
                ? rawIdentifiers.resolve((ObjectNode) item).<Object>map(resolved -> resolved)
                        .onFailure(PoisonEventException.class).recoverWithItem(refusal -> refusal)
                : Uni.createFrom().<Object>item(item)).toList();
        return Uni.join().all(resolving).andFailFast().chain(this::accept);
    }

    private Uni<Response> accept(List<Object> items) {
        List<CustomerEvent> accepted = new ArrayList<>();
        List<byte[]> acceptedBytes = new ArrayList<>();
        List<IngestionResult.Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                if (items.get(i) instanceof PoisonEventException refused) {
                    throw refused;
                }
                byte[] bytes = json.writeValueAsBytes(items.get(i));
                CustomerEvent event = reader.read(bytes, null);
                if (!caller.mayActFor(event.customerId())) {
                    throw new PoisonEventException("event " + event.id()
                            + " is about a customer this token may not act for");
                }
                accepted.add(event);
                acceptedBytes.add(bytes);
            } catch (PoisonEventException e) {
                rejected.add(new IngestionResult.Rejected(i, e.getMessage()));
            } catch (IOException e) {
                rejected.add(new IngestionResult.Rejected(i, "not a JSON object"));
            }
        }
        if (accepted.isEmpty()) {
            throw Problems.builder(Response.Status.BAD_REQUEST)
                    .withDetail("no event was accepted").with("rejected", rejected).build();
        }
        List<Uni<Void>> sends = new ArrayList<>();
        for (int i = 0; i < accepted.size(); i++) {
            sends.add(publisher.publish(accepted.get(i).customerId(), acceptedBytes.get(i)));
        }
        return Uni.join().all(sends).andFailFast()
                .onFailure().transform(failure -> {
                    LOG.warnf("ingestion: Kafka did not take %d events: %s", sends.size(), failure.toString());
                    return Problems.unavailable("the events could not be stored in Kafka; send the batch again "
                                    + "(events are processed once per id)");
                })
                .map(done -> Response.accepted(new IngestionResult(accepted.size(), rejected)).build());
    }

    /** The request's events: a JSON array of them, or one object. */
    private List<JsonNode> items(byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : json.readTree(body);
        } catch (IOException e) {
            throw Problems.badRequest("the body is not JSON: send a CloudEvent, or a JSON array of them");
        }
        if (root == null || root.isMissingNode()) {
            throw Problems.badRequest("the body is empty: send a CloudEvent, or a JSON array of them");
        }
        if (root.isObject()) {
            return List.of(root);
        }
        if (!root.isArray()) {
            throw Problems.badRequest("send a CloudEvent (a JSON object), or a JSON array of them");
        }
        if (root.isEmpty() || root.size() > MAX_BATCH) {
            throw Problems.badRequest("a batch holds 1 to " + MAX_BATCH + " events; this one holds " + root.size());
        }
        List<JsonNode> items = new ArrayList<>(root.size());
        root.forEach(items::add);
        return items;
    }
}
