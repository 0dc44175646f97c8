package dev.nextbest.privacy.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One version of a privacy policy. */
@Entity
@Table(name = "privacy_policy")
@IdClass(StoredPolicy.Key.class)
public class StoredPolicy {

    @Id
    public String key;

    @Id
    public int version;

    /** The policy as JSON (a {@link PrivacyPolicy}). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String document;

    /** SHA-256 of the canonical JSON: an unchanged policy is not stored again. */
    @Column(nullable = false)
    public String checksum;

    /** "file" (shipped with the service) or "api" (a privacy officer's edit). */
    @Column(nullable = false)
    public String source;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static class Key implements Serializable {
        public String key;
        public int version;

        public Key() {
        }

        public Key(String key, int version) {
            this.key = key;
            this.version = version;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && that.key.equals(key) && that.version == version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(key, version);
        }
    }
}
