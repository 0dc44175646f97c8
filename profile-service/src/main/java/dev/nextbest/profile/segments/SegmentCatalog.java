package dev.nextbest.profile.segments;

import dev.nextbest.commons.web.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The rule segments: created with an expression that must compile, deleted, listed. A change takes effect
 * in this replica's rules at once, and the sweep re-evaluates every profile against it in the background.
 */
@ApplicationScoped
public class SegmentCatalog {

    private final SegmentRepository segments;
    private final SegmentRules rules;
    private final SegmentExpressions expressions;
    private final SegmentSweep sweep;
    private final Clock clock;

    public SegmentCatalog(SegmentRepository segments, SegmentRules rules, SegmentExpressions expressions,
                          SegmentSweep sweep, Clock clock) {
        this.segments = segments;
        this.rules = rules;
        this.expressions = expressions;
        this.sweep = sweep;
        this.clock = clock;
    }

    /** Fails with 400 for an expression that does not compile, 409 for a taken id. */
    public Uni<Segment> create(NewSegment request) {
        try {
            expressions.compile(request.expression());
        } catch (InvalidExpressionException e) {
            throw Problems.badRequest("expression: " + e.getMessage());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> segments.findById(request.id()).chain(existing -> {
                    if (existing != null) {
                        throw Problems.conflict("a segment with id " + request.id() + " exists already");
                    }
                    Segment segment = new Segment();
                    segment.id = request.id();
                    segment.name = request.name().strip();
                    segment.description = request.description();
                    segment.expression = request.expression();
                    segment.createdAt = now;
                    segment.updatedAt = now;
                    return segments.persist(segment);
                }))
                .invoke(rules::put)
                .invoke(sweep::trigger);
    }

    public Uni<List<Segment>> list() {
        return Panache.withSession(() -> segments.listAll(Sort.by("id")));
    }

    /** Fails with 404 when there is no such segment. */
    public Uni<Segment> get(String id) {
        return Panache.withSession(() -> segments.findById(id)).map(segment -> existing(segment, id));
    }

    /** Fails with 404 when there is no such segment; its members leave it on the sweep that follows. */
    public Uni<Void> delete(String id) {
        return Panache.withTransaction(() -> segments.findById(id).chain(segment -> segments.delete(existing(segment, id))))
                .invoke(() -> rules.remove(id))
                .invoke(sweep::trigger);
    }

    private static Segment existing(Segment segment, String id) {
        if (segment == null) {
            throw Problems.notFound("no segment with id " + id);
        }
        return segment;
    }
}
