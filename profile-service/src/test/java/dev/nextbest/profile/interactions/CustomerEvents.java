package dev.nextbest.profile.interactions;

import dev.nextbest.profile.events.InteractionRecorded;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Builds customer events the way a channel would send them. */
public final class CustomerEvents {

    public static final String TOPIC = "customer-events";
    public static final String DEAD_LETTERS = "profile-service.customer-events.dlq";

    private CustomerEvents() {
    }

    public static String newCustomerId() {
        return "cus_" + UUID.randomUUID().toString().replace("-", "");
    }

    public static CloudEvent interaction(String customerId, OffsetDateTime time, String dataJson) {
        return CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("/channels/web"))
                .withType(InteractionRecorded.TYPE)
                .withSubject(customerId)
                .withTime(time)
                .withDataContentType("application/json")
                .withData(dataJson.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    public static byte[] structured(CloudEvent event) {
        return EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE).serialize(event);
    }
}
