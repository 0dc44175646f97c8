package dev.nextbest.nba.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** This service's events as CloudEvents 1.0 in structured JSON (CloudEvents SDK), source /nba-service. */
@ApplicationScoped
public class Envelopes {

    static final URI SOURCE = URI.create("/nba-service");

    private final EventFormat format = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
    private final ObjectMapper mapper;

    public Envelopes(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public CloudEvent event(String id, String type, String subject, Instant time, Object data) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(SOURCE)
                .withType(type)
                .withSubject(subject)
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(json(data))
                .build();
    }

    public CloudEvent event(String type, String subject, Object data) {
        return event(UUID.randomUUID().toString(), type, subject, Instant.now(), data);
    }

    public byte[] serialize(CloudEvent event) {
        return format.serialize(event);
    }

    private byte[] json(Object data) {
        try {
            return mapper.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data cannot be written as JSON: " + data.getClass(), e);
        }
    }
}
