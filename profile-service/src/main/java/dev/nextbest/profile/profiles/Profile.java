package dev.nextbest.profile.profiles;

import dev.nextbest.profile.traits.Traits;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A customer's profile: who they are to us, and the traits their behaviour adds up to. */
@Entity
@Table(name = "profile")
public class Profile {

    @Id
    @Column(name = "customer_id")
    public String customerId;

    /** CUSTOMER or PROSPECT, as identity-service registered them; null until known. */
    public String kind;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> attributes = new HashMap<>();

    /** The event time of each attribute's last change. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "attribute_times", nullable = false)
    public Map<String, Instant> attributeTimes = new HashMap<>();

    /** Products and services held, by product. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Holding> holdings = new HashMap<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Traits traits = new Traits();

    /** The latest predicted scores by name (churnRisk, predictedNps, ...), from the decision engine's models. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Prediction> predictions = new HashMap<>();

    /** The customer's consents by purpose: a read-only mirror of privacy-service's consent-changes. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Consent> consents = new HashMap<>();

    /** The event time of the consent state above; an older one arriving late is not applied. */
    @Column(name = "consents_as_of")
    public Instant consentsAsOf;

    /** The behavioural segment (cluster label) the last segmentation run put the customer in, or null. */
    @Column(name = "behaviour_segment")
    public String behaviourSegment;

    /** The rule segments the profile belongs to: their ids, sorted. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> segments = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** A profile made by the first thing that happens to a customer: empty, with no traits yet. */
    public static Profile create(String customerId, Instant now) {
        Profile profile = new Profile();
        profile.customerId = customerId;
        profile.createdAt = now;
        profile.updatedAt = now;
        return profile;
    }
}
