package dev.nextbest.nba.scoring;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A model version as the API shows it (without its bytes). */
public record ModelView(UUID id, String name, int version, String checksum, int bytes, String description,
                        List<String> groups, List<FeatureSpec.Feature> features, boolean serving, String createdBy,
                        Instant createdAt) {
}
