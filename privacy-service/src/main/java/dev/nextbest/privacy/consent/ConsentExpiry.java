package dev.nextbest.privacy.consent;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Announces expired grants: a grant past its expiry is never used (the ledger's state says EXPIRED at once),
 * and this sweep publishes the customer's state on consent-changes so that every service's view drops it
 * too. Each expired grant is announced once.
 */
@ApplicationScoped
public class ConsentExpiry {

    private static final Logger LOG = Logger.getLogger(ConsentExpiry.class);
    private static final int BATCH = 200;

    private final ConsentLedger ledger;
    private final Clock clock;

    public ConsentExpiry(ConsentLedger ledger, Clock clock) {
        this.clock = clock;
        this.ledger = ledger;
    }

    @Scheduled(every = "${nextbest.privacy.consents.expiry-sweep-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        return announceExpired().onFailure().recoverWithItem(failure -> {
            LOG.warnf("announcing expired consents failed, will retry: %s", failure.toString());
            return 0;
        }).replaceWithVoid();
    }

    /** @return how many customers' states were published */
    public Uni<Integer> announceExpired() {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createQuery("from ConsentRecord where status = 'GRANTED' and expiresAt <= :now and expiryAnnounced = false",
                                ConsentRecord.class)
                        .setParameter("now", now).setMaxResults(BATCH)
                        .setLockMode(org.hibernate.LockMode.PESSIMISTIC_WRITE)
                        .getResultList()
                        .chain(expired -> {
                            expired.forEach(record -> record.expiryAnnounced = true);
                            List<String> customers = expired.stream().map(record -> record.customerId).distinct().sorted().toList();
                            return Multi.createFrom().iterable(customers).onItem()
                                    .transformToUniAndConcatenate(customer -> ledger.publish(customer, now))
                                    .collect().asList().map(List::size);
                        })));
    }
}
