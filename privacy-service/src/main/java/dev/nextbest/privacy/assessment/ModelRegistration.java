package dev.nextbest.privacy.assessment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A model version registered in nba-service: the groups it scores and the fields its features read. */
@Entity
@Table(name = "model_registration")
@IdClass(ModelRegistration.Key.class)
public class ModelRegistration {

    @Id
    public String name;

    @Id
    public int version;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Scope scope;

    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;

    /**
     * @param groups   the action groups it scores
     * @param features the fields its features read (feature sources), e.g. profile.attributes.age
     */
    public record Scope(List<String> groups, List<String> features) {
    }

    public static class Key implements Serializable {
        public String name;
        public int version;

        public Key() {
        }

        public Key(String name, int version) {
            this.name = name;
            this.version = version;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && that.name.equals(name) && that.version == version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, version);
        }
    }
}
