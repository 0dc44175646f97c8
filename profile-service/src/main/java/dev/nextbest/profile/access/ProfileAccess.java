package dev.nextbest.profile.access;

import dev.nextbest.commons.events.Outbox;
import dev.nextbest.profile.interactions.InteractionRepository;
import dev.nextbest.profile.interactions.InteractionView;
import dev.nextbest.profile.profiles.ProfileRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * This service's answer to an access request: the stored profile (attributes, holdings, segments, traits,
 * predictions, consents summary) and every interaction, oldest first, on privacy-acks.
 */
@ApplicationScoped
public class ProfileAccess {

    static final String SERVICE = "profile-service";
    public static final String TYPE = "dev.nextbest.privacy.access-part.v1";
    static final String TOPIC = "privacy-acks";

    /** Data of a {@value #TYPE} event. */
    public record AccessPart(UUID requestId, String service, String customerId, Map<String, Object> data) {
    }

    private final ProfileRepository profiles;
    private final InteractionRepository interactions;
    private final Outbox outbox;

    public ProfileAccess(ProfileRepository profiles, InteractionRepository interactions, Outbox outbox) {
        this.profiles = profiles;
        this.interactions = interactions;
        this.outbox = outbox;
    }

    public Uni<AccessPart> answer(UUID requestId, String customerId) {
        return Panache.withTransaction(() -> profiles.findById(customerId).chain(profile -> interactions.all(customerId)
                        .chain(all -> {
                            Map<String, Object> data = new LinkedHashMap<>();
                            if (profile == null) {
                                data.put("profile", null);
                            } else {
                                Map<String, Object> stored = new LinkedHashMap<>();
                                stored.put("kind", profile.kind);
                                stored.put("attributes", profile.attributes);
                                stored.put("holdings", new TreeMap<>(profile.holdings));
                                stored.put("segments", List.copyOf(profile.segments));
                                stored.put("behaviouralSegment", profile.behaviourSegment);
                                stored.put("traits", profile.traits);
                                stored.put("predictions", new TreeMap<>(profile.predictions));
                                stored.put("consents", new TreeMap<>(profile.consents));
                                stored.put("updatedAt", profile.updatedAt);
                                data.put("profile", stored);
                            }
                            data.put("interactions", all.stream().map(InteractionView::of).toList());
                            AccessPart part = new AccessPart(requestId, SERVICE, customerId, data);
                            return outbox.add(TOPIC, customerId, TYPE, customerId, part).replaceWith(part);
                        })));
    }
}
