package dev.nextbest.local.runner;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Argon2id hashes of client secrets in the PHC string format that identity-service reads from its declared
 * clients file, at the parameters it makes its own hashes with (OWASP: 19 MiB, 2 passes, 1 lane).
 */
final class Argon2id {

    private Argon2id() {
    }

    static String hash(String secret) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(19_456).withIterations(2).withParallelism(1)
                .withSalt(salt).build());
        byte[] hash = new byte[32];
        generator.generateBytes(secret.getBytes(StandardCharsets.UTF_8), hash);
        Base64.Encoder phc = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=19456,t=2,p=1$" + phc.encodeToString(salt) + "$" + phc.encodeToString(hash);
    }
}
