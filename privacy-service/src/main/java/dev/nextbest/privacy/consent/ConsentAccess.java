package dev.nextbest.privacy.consent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nextbest.commons.events.Outbox;
import dev.nextbest.privacy.requests.AccessPart;
import dev.nextbest.privacy.requests.ErasureCompleted;
import dev.nextbest.privacy.requests.SubjectRequested;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * privacy-service's own answer to an access request, as every service gives one: the customer's consents and
 * contact preferences with their whole history, on privacy-acks.
 */
@ApplicationScoped
public class ConsentAccess {

    private final ConsentLedger ledger;
    private final Outbox outbox;
    private final ObjectMapper json;

    public ConsentAccess(ConsentLedger ledger, Outbox outbox, ObjectMapper json) {
        this.ledger = ledger;
        this.outbox = outbox;
        this.json = json;
    }

    public Uni<AccessPart> answer(SubjectRequested request) {
        return ledger.state(request.customerId())
                .chain(state -> Panache.withTransaction(() -> {
                    AccessPart part = new AccessPart(request.requestId(), ConsentErasure.SERVICE, request.customerId(),
                            json.valueToTree(state));
                    return outbox.add(ErasureCompleted.TOPIC, request.customerId(), AccessPart.TYPE, request.customerId(), part)
                            .replaceWith(part);
                }));
    }
}
