package dev.nextbest.local.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Secrets the local runtime generates once and keeps in .platform/secrets (readable by the owner only).
 * They outlive 'reset': the data is protected by them, so they must stay with it while it exists.
 */
final class LocalSecrets {

    private final Path directory;

    LocalSecrets(Path directory) {
        this.directory = directory;
    }

    /** Configuration each service needs from these secrets, as property names. */
    Map<String, String> configFor(ServiceDefinition service) {
        if (service.name().equals("identity-service")) {
            return Map.of("nextbest.identity.pseudonym.keys", "1:" + secret("identity-pseudonym-key-1", 32));
        }
        return Map.of();
    }

    /** A random secret of {@code bytes} bytes, base64, created on first use. */
    private String secret(String name, int bytes) {
        Path file = directory.resolve(name);
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(directory);
            byte[] random = new byte[bytes];
            new SecureRandom().nextBytes(random);
            String value = Base64.getEncoder().encodeToString(random);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, value);
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the local secret " + file, e);
        }
    }
}
