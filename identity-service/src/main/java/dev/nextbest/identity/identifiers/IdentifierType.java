package dev.nextbest.identity.identifiers;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of identifier a customer can be recognised by. Written in lower case on the wire ("email"). */
public enum IdentifierType {
    CUSTOMER_NUMBER, EMAIL, PHONE, DEVICE_ID, COOKIE_ID, LOGIN_ID, CRM_ID;

    public static final String ALLOWED = Arrays.stream(values()).map(IdentifierType::wire).collect(Collectors.joining(", "));

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static IdentifierType fromWire(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("identifier type must be one of " + ALLOWED));
    }

    public static Optional<IdentifierType> parse(String value) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(value)).findFirst();
    }
}
