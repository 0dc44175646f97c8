package dev.nextbest.profile.profiles;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A merge identity-service announced, as applied to profiles, with what an unmerge needs to restore. */
@Entity
@Table(name = "profile_merge")
public class ProfileMerge {

    @Id
    @Column(name = "merge_id")
    public UUID mergeId;

    @Column(name = "survivor_id", nullable = false)
    public String survivorId;

    @Column(name = "absorbed_id", nullable = false)
    public String absorbedId;

    @Column(name = "absorbed_kind")
    public String absorbedKind;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "absorbed_attributes", nullable = false)
    public Map<String, Object> absorbedAttributes = new HashMap<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "absorbed_holdings", nullable = false)
    public Map<String, Holding> absorbedHoldings = new HashMap<>();

    /** Attributes the survivor took from the absorbed profile (it had none of its own), space-separated. */
    @Column(name = "filled_attributes", nullable = false)
    public String filledAttributes = "";

    /** Products the survivor took from the absorbed profile, space-separated. */
    @Column(name = "filled_products", nullable = false)
    public String filledProducts = "";

    public void filledAttribute(String name) {
        filledAttributes = (filledAttributes + " " + name).strip();
    }

    public void filledProduct(String product) {
        filledProducts = (filledProducts + " " + product).strip();
    }

    public List<String> filledAttributeList() {
        return filledAttributes.isEmpty() ? List.of() : List.of(filledAttributes.split(" "));
    }

    public List<String> filledProductList() {
        return filledProducts.isEmpty() ? List.of() : List.of(filledProducts.split(" "));
    }

    @Column(name = "merged_at", nullable = false)
    public Instant mergedAt;

    @Column(name = "undone_at")
    public Instant undoneAt;
}
