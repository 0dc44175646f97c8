package dev.nextbest.nba.catalog;

import dev.nextbest.commons.events.CloudEventCodec;
import dev.nextbest.commons.events.ConsumerRetry;
import dev.nextbest.commons.events.PoisonEventException;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * Acts on privacy-service's assessments of action versions: an APPROVED version goes live (the version live
 * before it is retired), a REJECTED one goes back to DRAFT with the reason; PENDING_REVIEW waits for a
 * privacy officer. This is the only way a version goes live. A repeated or out-of-date event (the version is
 * no longer waiting) changes nothing; an event about an action this service does not have is dead-lettered.
 */
@ApplicationScoped
public class PrivacyAssessmentConsumer {

    private static final Logger LOG = Logger.getLogger(PrivacyAssessmentConsumer.class);

    private final CloudEventCodec codec;
    private final Catalog catalog;
    private final MeterRegistry registry;

    public PrivacyAssessmentConsumer(CloudEventCodec codec, Catalog catalog, MeterRegistry registry) {
        this.codec = codec;
        this.catalog = catalog;
        this.registry = registry;
    }

    @Incoming("privacy-assessments")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        CloudEvent event = codec.decode(record.value());
        if (!AssessmentChanged.TYPE.equals(event.getType())) {
            return counted("passed-over");
        }
        AssessmentChanged assessment = codec.data(event, AssessmentChanged.class);
        if (!"action".equals(assessment.subject().kind())) {
            return counted("passed-over");
        }
        UUID actionId;
        try {
            actionId = UUID.fromString(assessment.subject().id());
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException("event " + event.getId() + " names action id " + assessment.subject().id()
                    + ", which is not a UUID");
        }
        int version = assessment.subject().version();
        Uni<ActionView> change = switch (assessment.status()) {
            case "APPROVED" -> catalog.approve(actionId, version, assessment.approval(), assessment.decidedBy());
            case "REJECTED" -> catalog.reject(actionId, version, assessment.rejection(), assessment.decidedBy());
            default -> null;
        };
        if (change == null) {
            return counted("pending-review");
        }
        Uni<ActionView> classified = change
                .onFailure(PrivacyAssessmentConsumer::isHttp).transform(failure -> classify((HttpProblem) failure, event));
        return ConsumerRetry.retried(classified, record, NotWaiting.class::isInstance)
                .replaceWith("applied")
                .onFailure(NotWaiting.class).recoverWithItem(failure -> {
                    LOG.debugf("assessment %s: %s", assessment.id(), failure.getMessage());
                    return "not-waiting";
                })
                .chain(this::counted);
    }

    private static boolean isHttp(Throwable failure) {
        return failure instanceof HttpProblem;
    }

    /** 409: the version is not (or no longer) waiting for its assessment; 404: no such action or version. */
    private static RuntimeException classify(HttpProblem problem, CloudEvent event) {
        if (problem.getStatusCode() == 409) {
            return new NotWaiting(problem.getDetail());
        }
        return new PoisonEventException("event " + event.getId() + " cannot be applied: " + problem.getDetail());
    }

    private Uni<Void> counted(String outcome) {
        registry.counter("nba.catalog.assessments", "outcome", outcome).increment();
        return Uni.createFrom().voidItem();
    }

    private static final class NotWaiting extends RuntimeException {
        NotWaiting(String message) {
            super(message, null, false, false);
        }
    }
}
