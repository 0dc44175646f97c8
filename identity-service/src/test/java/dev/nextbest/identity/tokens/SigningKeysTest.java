package dev.nextbest.identity.tokens;

import dev.nextbest.local.testing.TestTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeysTest {

    private static final String TEST_KEYS = TestTokens.quarkusConfig().get("nextbest.identity.signing.keys");

    @Test
    void publishesEveryKeyWithoutItsPrivatePart() {
        SigningKeys keys = new SigningKeys(TEST_KEYS, TestTokens.PASSIVE_KEY);
        assertThat(keys.activeKeyId()).isEqualTo(TestTokens.PASSIVE_KEY);
        assertThat(keys.publicJwks()).contains(TestTokens.ACTIVE_KEY, TestTokens.PASSIVE_KEY, "\"alg\":\"PS256\"")
                .doesNotContain("\"d\"");
    }

    @Test
    void explainsBadKeyConfigurationWithoutQuotingKeys() throws Exception {
        assertThatThrownBy(() -> new SigningKeys(TEST_KEYS, "no-such-key"))
                .hasMessageContaining("active signing key 'no-such-key' is not among");
        assertThatThrownBy(() -> new SigningKeys("not json", "k"))
                .hasMessage("nextbest.identity.signing.keys is not a JSON Web Key Set");
        String publicOnly = "{\"keys\":[" + TestTokens.publicJwk(TestTokens.ACTIVE_KEY) + "]}";
        assertThatThrownBy(() -> new SigningKeys(publicOnly, TestTokens.ACTIVE_KEY))
                .hasMessageContaining("is not an RSA private key of at least 2048 bits");
        org.jose4j.jwk.RsaJsonWebKey small = org.jose4j.jwk.RsaJwkGenerator.generateJwk(1024);
        small.setKeyId("small");
        String smallKey = new org.jose4j.jwk.JsonWebKeySet(small)
                .toJson(org.jose4j.jwk.JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
        assertThatThrownBy(() -> new SigningKeys(smallKey, "small")).hasMessageContaining("of at least 2048 bits");
        String symmetric = "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"hmac\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA\"}]}";
        assertThatThrownBy(() -> new SigningKeys(symmetric, "hmac"))
                .hasMessageContaining("is not an RSA private key")
                .hasMessageNotContaining("c2VjcmV0");
    }
}
