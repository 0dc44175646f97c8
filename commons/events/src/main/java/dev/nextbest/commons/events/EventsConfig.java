package dev.nextbest.commons.events;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/** The service's own event topics ({@code nextbest.events.*}). */
@ConfigMapping(prefix = "nextbest.events")
public interface EventsConfig {

    /** Topics that keep the latest record per key (profile-updates, consent-changes): kept compacted. */
    Optional<List<String>> compactedTopics();
}
