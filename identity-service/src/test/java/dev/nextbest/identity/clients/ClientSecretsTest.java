package dev.nextbest.identity.clients;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientSecretsTest {

    private final ClientSecrets secrets = new ClientSecrets();

    @Test
    void aSecretMatchesItsOwnHashOnly() {
        String secret = secrets.newSecret();
        String hash = secrets.hash(secret);
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(secret);
        assertThat(secrets.matches(secret, hash)).isTrue();
        assertThat(secrets.matches(secret + "x", hash)).isFalse();
        assertThat(secrets.matches(secret, secrets.hash(secret))).as("salted: another hash of it matches too").isTrue();
        assertThat(secrets.hash(secret)).isNotEqualTo(hash);
    }

    @Test
    void secretsAreLongAndDistinct() {
        assertThat(secrets.newSecret()).hasSize(43).isNotEqualTo(secrets.newSecret());
    }

    @Test
    void refusesHashesThatAreNotArgon2idOrWeakerThanTheMinimum() {
        assertThatThrownBy(() -> secrets.checkStrength("$2a$10$abcdefghijklmnopqrstuv"))
                .hasMessageContaining("not an Argon2id");
        String weak = secrets.hash("s").replace("m=19456,t=2", "m=1024,t=1");
        assertThatThrownBy(() -> secrets.checkStrength(weak)).hasMessageContaining("at least m=19456,t=2");
        assertThatThrownBy(() -> secrets.matches("s", "$argon2id$v=19$m=x$salt$hash"))
                .hasMessageContaining("m=<kib>,t=<passes>,p=<lanes>");
    }
}
