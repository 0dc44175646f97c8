package dev.nextbest.profile.intake;

import java.util.List;

/**
 * What happened to a batch: how many events are durably in Kafka, and each refused one with its position
 * in the request and the reason (which never quotes a value).
 */
public record IngestionResult(int accepted, List<Rejected> rejected) {

    public record Rejected(int index, String reason) {
    }
}
