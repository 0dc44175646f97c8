package dev.nextbest.commons.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * This service's events as CloudEvents 1.0 in structured JSON (CloudEvents SDK). The source is the
 * application's name ("/nba-service"), the time the injected clock's.
 */
@ApplicationScoped
public class Envelopes {

    private final EventFormat format = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
    private final ObjectMapper mapper;
    private final Clock clock;
    private final URI source;

    public Envelopes(ObjectMapper mapper, Clock clock, @ConfigProperty(name = "quarkus.application.name") String application) {
        this.mapper = mapper;
        this.clock = clock;
        this.source = URI.create("/" + application);
    }

    public CloudEvent event(String id, String type, String subject, Instant time, Object data) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(source)
                .withType(type)
                .withSubject(subject)
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(json(data))
                .build();
    }

    public CloudEvent event(String type, String subject, Object data) {
        return event(UUID.randomUUID().toString(), type, subject, clock.instant(), data);
    }

    public byte[] serialize(CloudEvent event) {
        return format.serialize(event);
    }

    public URI source() {
        return source;
    }

    private byte[] json(Object data) {
        try {
            return mapper.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data cannot be written as JSON: " + data.getClass(), e);
        }
    }
}
