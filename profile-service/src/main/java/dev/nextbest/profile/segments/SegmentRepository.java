package dev.nextbest.profile.segments;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SegmentRepository implements PanacheRepositoryBase<Segment, String> {
}
