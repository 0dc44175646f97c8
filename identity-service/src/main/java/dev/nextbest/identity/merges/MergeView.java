package dev.nextbest.identity.merges;

import java.time.Instant;
import java.util.UUID;

/** A merge as the API returns it: who absorbed whom, why, from where, and whether it was undone. */
public record MergeView(UUID id, String survivorId, String absorbedId, String reason, String source,
                        Instant mergedAt, Instant undoneAt) {

    static MergeView of(CustomerMerge merge) {
        return new MergeView(merge.id, merge.survivorId, merge.absorbedId, merge.reason, merge.source,
                merge.mergedAt, merge.undoneAt);
    }
}
