package dev.nextbest.identity.customers;

import dev.nextbest.commons.events.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Issues pseudonymous customer ids and finds them again. Each new id is announced on identity-changes. */
@ApplicationScoped
public class CustomerRegistry {

    public static final String CHANGES_TOPIC = "identity-changes";
    public static final String CUSTOMER_REGISTERED = "dev.nextbest.identity.customer-registered.v1";

    private final CustomerRepository customers;
    private final CustomerCache cache;
    private final Outbox outbox;
    private final Clock clock;

    public CustomerRegistry(CustomerRepository customers, CustomerCache cache, Outbox outbox, Clock clock) {
        this.clock = clock;
        this.customers = customers;
        this.cache = cache;
        this.outbox = outbox;
    }

    /** Issues a new id in its own transaction, then announces and caches it. */
    public Uni<CustomerView> register(CustomerKind kind) {
        return Panache.withTransaction(() -> create(kind))
                .call(cache::put);
    }

    /**
     * Issues a new id inside the caller's transaction (with its identifier links, say), writing its
     * customer-registered event to the outbox. Its commit wakes the relay.
     */
    public Uni<CustomerView> create(CustomerKind kind) {
        Customer customer = new Customer();
        customer.id = CustomerIds.next();
        customer.kind = kind;
        customer.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        CustomerView view = CustomerView.of(customer);
        return customers.persist(customer)
                .call(() -> outbox.add(CHANGES_TOPIC, customer.id, CUSTOMER_REGISTERED, customer.id, view))
                .replaceWith(view);
    }

    public Uni<Optional<CustomerView>> find(String id) {
        return cache.get(id).chain(cached -> cached.isPresent()
                ? Uni.createFrom().item(cached)
                : Panache.withSession(() -> customers.findById(id))
                        .map(found -> Optional.ofNullable(found).map(CustomerView::of))
                        .call(found -> found.map(cache::put).orElseGet(() -> Uni.createFrom().voidItem())));
    }
}
