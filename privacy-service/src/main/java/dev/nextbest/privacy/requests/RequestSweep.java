package dev.nextbest.privacy.requests;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;

/** Every so often: sends again what is still unconfirmed, and escalates what is past its deadline. */
@ApplicationScoped
class RequestSweep {

    private static final Logger LOG = Logger.getLogger(RequestSweep.class);

    private final SubjectRequests requests;
    private final Clock clock;

    RequestSweep(SubjectRequests requests, Clock clock) {
        this.clock = clock;
        this.requests = requests;
    }

    @Scheduled(every = "${nextbest.privacy.requests.sweep-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        return requests.sweep(clock.instant()).replaceWithVoid().onFailure().recoverWithItem(failure -> {
            LOG.warnf("the request sweep failed, will retry: %s", failure.toString());
            return null;
        });
    }
}
