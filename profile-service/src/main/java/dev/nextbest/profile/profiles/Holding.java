package dev.nextbest.profile.profiles;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A product or service the customer holds (or held), as the last holding-changed event about it said.
 *
 * @param status    ACTIVE, SUSPENDED or CLOSED
 * @param since     when the holding started
 * @param until     when it ended or ends, if known
 * @param changedAt the event time of that last change
 */
public record Holding(String status, LocalDate since, LocalDate until, Instant changedAt) {
}
