package dev.nextbest.nba.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One version of an action, with its lifecycle status. Its definition is kept as JSON, as it was saved. */
@Entity
@Table(name = "action_version")
@IdClass(ActionVersion.Key.class)
public class ActionVersion {

    @Id
    @Column(name = "action_id")
    public UUID actionId;

    @Id
    public int version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ActionStatus status;

    /** The {@link ActionDefinition} as JSON. */
    @Column(nullable = false)
    public String definition;

    /** Why it was last moved (e.g. a privacy officer's reason), if anyone said. */
    public String note;

    /** The client that last moved it. */
    @Column(name = "changed_by")
    public String changedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static class Key implements Serializable {
        public UUID actionId;
        public int version;

        public Key() {
        }

        public Key(UUID actionId, int version) {
            this.actionId = actionId;
            this.version = version;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.actionId.equals(actionId) && key.version == version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(actionId, version);
        }
    }
}
