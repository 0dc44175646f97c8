package dev.nextbest.identity.identifiers;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PseudonymiserTest {

    private static final byte[] KEY_1 = "first-key-for-tests-only-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final byte[] KEY_2 = "second-key-for-tests-only-0123456789abcde".getBytes(StandardCharsets.UTF_8);

    private final Pseudonymiser v1 = new Pseudonymiser(new PseudonymKeys(1, Map.of(1, KEY_1)));

    @Test
    void isStableVersionedAndRevealsNothing() {
        String pseudonym = v1.pseudonym(IdentifierType.EMAIL, "jane.doe@example.com");
        assertThat(pseudonym).isEqualTo(v1.pseudonym(IdentifierType.EMAIL, "jane.doe@example.com"))
                .startsWith("v1.").doesNotContain("jane").hasSize(3 + 43);
    }

    @Test
    void dependsOnTheKeySoAGuessCannotBeRecomputedWithoutIt() {
        Pseudonymiser otherKey = new Pseudonymiser(new PseudonymKeys(1, Map.of(1, KEY_2)));
        assertThat(otherKey.pseudonym(IdentifierType.EMAIL, "jane.doe@example.com"))
                .isNotEqualTo(v1.pseudonym(IdentifierType.EMAIL, "jane.doe@example.com"));
    }

    @Test
    void separatesTypes() {
        assertThat(v1.pseudonym(IdentifierType.CUSTOMER_NUMBER, "10442"))
                .isNotEqualTo(v1.pseudonym(IdentifierType.CRM_ID, "10442"));
    }

    @Test
    void afterRotationStoresUnderTheNewKeyAndStillFindsTheOld() {
        Pseudonymiser rotated = new Pseudonymiser(new PseudonymKeys(2, Map.of(1, KEY_1, 2, KEY_2)));
        String stored = v1.pseudonym(IdentifierType.PHONE, "+442079460018");

        assertThat(rotated.pseudonym(IdentifierType.PHONE, "+442079460018")).startsWith("v2.");
        assertThat(rotated.lookupPseudonyms(IdentifierType.PHONE, "+442079460018"))
                .hasSize(2).first().asString().startsWith("v2.");
        assertThat(rotated.lookupPseudonyms(IdentifierType.PHONE, "+442079460018")).contains(stored);
    }

    @Test
    void parsesKeysFromConfigurationAndRefusesWeakOnes() {
        String key = Base64.getEncoder().encodeToString(KEY_1);
        assertThat(PseudonymKeys.parse("1:" + key, 1).keys()).containsOnlyKeys(1);

        String shortKey = Base64.getEncoder().encodeToString("short".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> PseudonymKeys.parse("1:" + shortKey, 1))
                .hasMessage("pseudonymisation key version 1 is shorter than 32 bytes");
        assertThatThrownBy(() -> PseudonymKeys.parse("1:" + key, 2))
                .hasMessage("the active pseudonymisation key version 2 is not among the configured versions [1]");
        assertThatThrownBy(() -> PseudonymKeys.parse("", 1)).hasMessageContaining("NEXTBEST_IDENTITY_PSEUDONYM_KEYS");
        assertThatThrownBy(() -> PseudonymKeys.parse("1:%%%", 1)).hasMessage("pseudonymisation key version 1 is not base64")
                .message().doesNotContain("%%%");
    }
}
