package dev.nextbest.nba.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Engagement policies set for a whole issue or group (CEL; see {@link ActionDefinition} for the three
 * kinds). Every action under it must pass them as well as its own.
 */
@Entity
@Table(name = "engagement_policy")
@IdClass(EngagementPolicy.Key.class)
public class EngagementPolicy extends PanacheEntityBase {

    /** "issue" or "group". */
    @Id
    public String level;

    @Id
    public String name;

    public String eligibility;
    public String applicability;
    public String suitability;

    @Column(name = "changed_by")
    public String changedBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static class Key implements Serializable {
        public String level;
        public String name;

        public Key() {
        }

        public Key(String level, String name) {
            this.level = level;
            this.name = name;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.level.equals(level) && key.name.equals(name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(level, name);
        }
    }
}
