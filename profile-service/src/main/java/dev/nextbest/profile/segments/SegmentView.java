package dev.nextbest.profile.segments;

import java.time.Instant;

public record SegmentView(String id, String name, String description, String expression, Instant createdAt,
                          Instant updatedAt) {

    static SegmentView of(Segment segment) {
        return new SegmentView(segment.id, segment.name, segment.description, segment.expression, segment.createdAt,
                segment.updatedAt);
    }
}
