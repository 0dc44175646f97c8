package dev.nextbest.profile.interactions;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of interactions ended: the last one's event time and row id (the order of the history).
 * Opaque to clients (base64url); the next page starts strictly after it, so rows that arrive meanwhile
 * neither repeat nor shift what follows.
 */
public record Cursor(Instant occurredAt, long id) {

    public static Cursor after(Interaction last) {
        return new Cursor(last.occurredAt, last.id);
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((occurredAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Empty if the text is not a cursor this API gave. */
    public static Optional<Cursor> decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
            return parts.length == 2 ? Optional.of(new Cursor(Instant.parse(parts[0]), Long.parseLong(parts[1])))
                    : Optional.empty();
        } catch (RuntimeException notACursor) {
            return Optional.empty();
        }
    }
}
