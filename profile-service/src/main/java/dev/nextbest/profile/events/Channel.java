package dev.nextbest.profile.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where an interaction happened. Written in lower case on the wire ("web", "ivr", ...). */
public enum Channel {
    WEB, APP, AGENT, IVR, EMAIL, SMS, STORE;

    public static final String ALLOWED = Arrays.stream(values()).map(Channel::wire).collect(Collectors.joining(", "));

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Channel fromWire(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("channel must be one of " + ALLOWED));
    }

    public static Optional<Channel> parse(String value) {
        return Arrays.stream(values()).filter(c -> c.wire().equals(value)).findFirst();
    }
}
