package dev.nextbest.commons.events;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.io.IOException;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and writes events in the platform's envelope: CloudEvents 1.0, structured JSON mode, through the
 * CloudEvents SDK. Unknown envelope attributes (extensions) and unknown data fields are tolerated, so that
 * producers can add fields without breaking this consumer.
 */
@ApplicationScoped
public class CloudEventCodec {

    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;

    private final EventFormat format = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
    private final ObjectMapper mapper;
    private final Validator validator;

    public CloudEventCodec(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    public byte[] encode(CloudEvent event) {
        return format.serialize(event);
    }

    /** @throws PoisonEventException when the bytes are not a CloudEvent in structured JSON */
    public CloudEvent decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new PoisonEventException("empty message: expected a CloudEvent in structured JSON");
        }
        try {
            return format.deserialize(bytes);
        } catch (RuntimeException e) {
            throw new PoisonEventException("not a CloudEvent in structured JSON: " + rootMessage(e));
        }
    }

    /**
     * The event's data as {@code type}, validated with its Bean Validation constraints.
     *
     * @throws PoisonEventException when data is missing, not JSON of that shape, or invalid
     */
    public <T> T data(CloudEvent event, Class<T> type) {
        if (event.getData() == null) {
            throw new PoisonEventException("event " + event.getId() + " of type " + event.getType() + " has no data");
        }
        T data;
        try {
            data = mapper.readValue(event.getData().toBytes(), type);
        } catch (IOException e) {
            throw new PoisonEventException("event " + event.getId() + " has data that does not fit "
                    + event.getType() + ": " + rootMessage(e));
        }
        Set<ConstraintViolation<T>> violations = validator.validate(data);
        if (!violations.isEmpty()) {
            throw new PoisonEventException("event " + event.getId() + " has invalid data: " + violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .collect(Collectors.joining("; ")));
        }
        return data;
    }

    /**
     * Says what is wrong without quoting the input: the reason ends up in logs and dead-letter headers,
     * and the input may carry personal data.
     */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                String path = mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining("."));
                return "field '" + path + "' is missing or has a value of the wrong type";
            }
            root = t;
        }
        if (root instanceof JsonProcessingException json) {
            JsonLocation at = json.getLocation();
            return "malformed JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
