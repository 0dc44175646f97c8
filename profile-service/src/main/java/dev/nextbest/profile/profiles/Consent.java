package dev.nextbest.profile.profiles;

import java.time.Instant;

/**
 * One purpose's consent as privacy-service last published it (it owns consent; this is a mirror).
 *
 * @param status    GRANTED, DENIED, WITHDRAWN or EXPIRED (a grant past its expiry: not to be used)
 * @param changedAt when the customer gave or changed it
 */
public record Consent(String status, Instant changedAt) {
}
