package dev.nextbest.privacy.assessment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * An issue's or group's engagement policies in nba-service, as catalog-changes last announced them: part
 * of what every action under it reads.
 */
@Entity
@Table(name = "engagement_policy")
@IdClass(CatalogPolicy.Key.class)
public class CatalogPolicy {

    /** "issue" or "group". */
    @Id
    public String level;

    @Id
    public String name;

    public String eligibility;
    public String applicability;
    public String suitability;

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
            return other instanceof Key that && that.level.equals(level) && that.name.equals(name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(level, name);
        }
    }
}
