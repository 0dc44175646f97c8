package dev.nextbest.profile.snapshots;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nextbest.commons.events.Envelopes;
import dev.nextbest.profile.profiles.LifetimeValueSettings;
import dev.nextbest.profile.profiles.Profile;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Publishes profile snapshots on the compacted {@value ProfileUpdate#TOPIC} topic, keyed by customer id, and
 * a tombstone when a customer is erased.
 *
 * <p>Called inside the transaction that changed the profiles, while it holds their row locks, and completes
 * once Kafka has acknowledged every record. So no committed change goes unpublished (a failed send fails the
 * transaction, and the events are processed again), and whatever holds a customer's lock publishes before
 * the next holder: an erasure's tombstone can never be overtaken by an older snapshot. If the commit itself
 * fails after the send, the snapshot shows a change that is then applied again on retry.
 */
@ApplicationScoped
public class ProfileUpdates {

    private static final byte[] CONTENT_TYPE = JsonFormat.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

    private final MutinyEmitter<byte[]> emitter;
    private final ObjectMapper mapper;
    private final LifetimeValueSettings clv;
    private final Clock clock;
    private final URI source;
    private final EventFormat format = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    public ProfileUpdates(@Channel("profile-updates") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                          MutinyEmitter<byte[]> emitter, // a whole batch of snapshots is handed over at once
                          ObjectMapper mapper, LifetimeValueSettings clv, Clock clock, Envelopes envelopes) {
        this.clock = clock;
        this.source = envelopes.source();
        this.emitter = emitter;
        this.mapper = mapper;
        this.clv = clv;
    }

    /** One snapshot per profile. */
    public Uni<Void> changed(Collection<Profile> profiles) {
        if (profiles.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        // The join subscribes to the sends in order, so each reaches the producer in this order.
        List<Uni<Void>> sends = profiles.stream().map(profile -> send(profile.customerId, snapshot(profile, now))).toList();
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    /** Kafka compaction then forgets every snapshot of the customer. */
    public Uni<Void> erased(String customerId) {
        return send(customerId, null);
    }

    private byte[] snapshot(Profile profile, Instant now) {
        return format.serialize(CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(source)
                .withType(ProfileUpdate.TYPE)
                .withSubject(profile.customerId)
                .withTime(now.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                // As a JSON tree: given bytes, the SDK would parse them again to embed them.
                .withData(JsonCloudEventData.wrap(mapper.valueToTree(ProfileUpdate.of(profile, clv, now))))
                .build());
    }

    private Uni<Void> send(String customerId, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        if (value != null) {
            headers.add("content-type", CONTENT_TYPE);
        }
        return emitter.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(customerId)
                .withHeaders(headers)
                .build()));
    }
}
