package dev.nextbest.identity.clients;

import jakarta.enterprise.context.ApplicationScoped;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Client secrets: 256 random bits, kept only as Argon2id hashes in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}). New hashes use the OWASP recommended minimum
 * (19 MiB of memory, 2 passes, 1 lane); a stored hash is checked with the parameters it names, so raising
 * them later leaves older hashes valid.
 */
@ApplicationScoped
public class ClientSecrets {

    static final int MEMORY_KIB = 19_456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int SECRET_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder PHC_BASE64 = Base64.getEncoder().withoutPadding();

    /** Checked against when a client id is unknown, so that unknown and known ids take the same time. */
    private final String decoy = hash(newSecret());

    public String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public String hash(String secret) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = argon2id(secret, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
                + "$" + PHC_BASE64.encodeToString(salt) + "$" + PHC_BASE64.encodeToString(hash);
    }

    /** Whether the secret matches the hash; CPU-bound (tens of milliseconds), so never on an event loop. */
    public boolean matches(String secret, String phcHash) {
        PhcHash parsed = PhcHash.parse(phcHash);
        byte[] actual = argon2id(secret, parsed.salt(), parsed.memoryKib(), parsed.iterations(),
                parsed.parallelism(), parsed.hash().length);
        return MessageDigest.isEqual(actual, parsed.hash());
    }

    /** Spends the time of one check without anything to check; for unknown client ids. */
    public boolean matchesNothing(String secret) {
        matches(secret, decoy);
        return false;
    }

    /** Rejects a stored hash that is not Argon2id at least as strong as new hashes are made. */
    public void checkStrength(String phcHash) {
        PhcHash parsed = PhcHash.parse(phcHash);
        if (parsed.memoryKib() < MEMORY_KIB || parsed.iterations() < ITERATIONS) {
            throw new IllegalArgumentException("an Argon2id hash needs at least m=" + MEMORY_KIB + ",t=" + ITERATIONS);
        }
    }

    private static byte[] argon2id(String secret, byte[] salt, int memoryKib, int iterations, int parallelism,
                                   int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build());
        byte[] hash = new byte[length];
        generator.generateBytes(secret.getBytes(StandardCharsets.UTF_8), hash);
        return hash;
    }

    /** The parts of a PHC string; errors describe the format, never the hash. */
    record PhcHash(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {

        static PhcHash parse(String phc) {
            String[] parts = phc == null ? new String[0] : phc.split("\\$");
            if (parts.length != 6 || !parts[0].isEmpty() || !"argon2id".equals(parts[1]) || !"v=19".equals(parts[2])) {
                throw new IllegalArgumentException("not an Argon2id (v=19) hash in the PHC string format");
            }
            int memory = 0;
            int iterations = 0;
            int parallelism = 0;
            try {
                for (String parameter : parts[3].split(",")) {
                    String[] pair = parameter.split("=", 2);
                    int value = Integer.parseInt(pair[1]);
                    switch (pair[0]) {
                        case "m" -> memory = value;
                        case "t" -> iterations = value;
                        case "p" -> parallelism = value;
                        default -> throw new IllegalArgumentException("unknown Argon2id parameter " + pair[0]);
                    }
                }
                Base64.Decoder decoder = Base64.getDecoder();
                PhcHash parsed = new PhcHash(memory, iterations, parallelism, decoder.decode(parts[4]),
                        decoder.decode(parts[5]));
                if (memory <= 0 || iterations <= 0 || parallelism <= 0 || parsed.hash.length < 16) {
                    throw new IllegalArgumentException("an Argon2id hash names no memory, passes or lanes");
                }
                return parsed;
            } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
                throw new IllegalArgumentException("the Argon2id parameters are not m=<kib>,t=<passes>,p=<lanes>");
            }
        }
    }
}
