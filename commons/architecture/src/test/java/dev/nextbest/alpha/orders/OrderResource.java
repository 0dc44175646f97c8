package dev.nextbest.alpha.orders;

import dev.nextbest.commons.events.Outbox;
import io.cloudevents.CloudEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** Breaks two rules on purpose: a resource that opens a transaction and writes to the outbox. */
@Path("/orders")
public class OrderResource {

    private final Outbox outbox;

    public OrderResource(Outbox outbox) {
        this.outbox = outbox;
    }

    @POST
    public Uni<CloudEvent> place() {
        return Panache.withTransaction(() -> outbox.add("orders", "1", "placed", "1", new Order()));
    }
}
