package dev.nextbest.local.runner;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Secrets the local runtime generates once and keeps in .platform/secrets (readable by the owner only):
 * identity-service's pseudonymisation key and token signing key, and the standard API clients' secrets
 * (api-clients.properties, for people and scripts) with their Argon2id hashes (api-clients.json, which
 * identity-service declares at start). They outlive 'reset': the data is protected by them, so they must
 * stay with it while it exists.
 */
final class LocalSecrets {

    static final String SIGNING_KEY_ID = "local-1";
    static final String CLIENT_SECRETS = "api-clients.properties";
    private static final String SIGNING_KEYS = "token-signing-keys.json";

    private final Path directory;

    LocalSecrets(Path directory) {
        this.directory = directory;
    }

    /** Configuration identity-service needs from these secrets, as property names. */
    Map<String, String> identityConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("nextbest.identity.pseudonym.keys", "1:" + file("identity-pseudonym-key-1", () -> random(32)));
        config.put("nextbest.identity.signing.keys", signingKeys());
        config.put("nextbest.identity.signing.active-key", SIGNING_KEY_ID);
        config.put("nextbest.identity.clients.file", declaredClients().toString());
        return config;
    }

    /** The standard clients' secrets, by client id. */
    Properties clientSecrets() {
        Properties secrets = new Properties();
        String text = file(CLIENT_SECRETS, () -> StandardClients.ALL.stream()
                .map(client -> client.id() + "=" + random(32).replace('+', '-').replace('/', '_').replace("=", ""))
                .collect(Collectors.joining("\n", "# Client secrets of the standard API clients (deploy/platform token <id>)\n", "\n")));
        try {
            secrets.load(new java.io.StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return secrets;
    }

    /** api-clients.json: the standard clients with Argon2id hashes of their secrets, never the secrets. */
    private Path declaredClients() {
        Properties secrets = clientSecrets();
        StandardClients.ALL.stream().filter(client -> secrets.getProperty(client.id()) == null).findFirst()
                .ifPresent(client -> {
                    throw new IllegalStateException(directory.resolve(CLIENT_SECRETS) + " has no secret for " + client.id()
                            + "; delete it and api-clients.json to generate new ones");
                });
        file("api-clients.json", () -> StandardClients.ALL.stream()
                .map(client -> String.format("  {\"id\": \"%s\", \"name\": \"%s\", \"roles\": [\"%s\"], \"secretHash\": \"%s\"}",
                        client.id(), client.name(), client.role(), Argon2id.hash(secrets.getProperty(client.id()))))
                .collect(Collectors.joining(",\n", "[\n", "\n]\n")));
        return directory.resolve("api-clients.json");
    }

    /**
     * The token signing key. One made by an older runtime for ES256 is replaced: a local signing key protects
     * nothing stored, so a new one only means that tokens issued before must be fetched again.
     */
    private String signingKeys() {
        String keys = file(SIGNING_KEYS, LocalSecrets::newSigningKeys);
        if (!keys.contains("\"kty\":\"RSA\"")) {
            try {
                Files.delete(directory.resolve(SIGNING_KEYS));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            keys = file(SIGNING_KEYS, LocalSecrets::newSigningKeys);
        }
        return keys;
    }

    private static String newSigningKeys() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(SIGNING_KEY_ID);
            key.setAlgorithm("PS256");
            return new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
        } catch (JoseException e) {
            throw new IllegalStateException("could not generate a token signing key", e);
        }
    }

    private static String random(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

    /** The content of a secret file, created with {@code create} on first use. */
    private String file(String name, Supplier<String> create) {
        Path file = directory.resolve(name);
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(directory);
            String value = create.get();
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, value);
            return value.strip();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the local secret " + file, e);
        }
    }
}
