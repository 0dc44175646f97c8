package dev.nextbest.local.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The platform's own secrets for a Kubernetes installation, freshly generated the way the local runtime makes
 * its own: the Secret the Helm chart reads (secrets.existingSecret), and, beside it, the standard API clients'
 * secrets for the people who will call the API. Nothing is sent anywhere; the operator applies the file.
 */
final class KubernetesSecret {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private KubernetesSecret() {
    }

    /**
     * Writes {@code <name>.yaml} and {@code api-clients.properties} into {@code directory}, which must not
     * hold secrets already (a second run would silently reuse them).
     *
     * @return the manifest's path
     */
    static Path write(String name, Path directory) {
        if (!NAME.matcher(name).matches() || name.length() > 253) {
            throw new UsageException("'" + name + "' is not a Kubernetes resource name (lower case letters, digits and '-')");
        }
        Path secrets = directory.resolve("secrets");
        if (Files.exists(secrets)) {
            throw new UsageException(directory + " already holds generated secrets; choose another directory");
        }
        LocalSecrets generated = new LocalSecrets(secrets);
        Map<String, String> identity = generated.identityConfig();
        try {
            Map<String, String> data = new LinkedHashMap<>();
            data.put("platform-services-secret", generated.clientSecrets().getProperty("platform-services"));
            data.put("pseudonym-keys", identity.get("nextbest.identity.pseudonym.keys"));
            data.put("signing-keys", identity.get("nextbest.identity.signing.keys"));
            data.put("signing-active-key", identity.get("nextbest.identity.signing.active-key"));
            data.put("clients.json", Files.readString(Path.of(identity.get("nextbest.identity.clients.file"))));
            String manifest = "# The Secret the nextbest Helm chart reads: install with --set secrets.existingSecret=" + name + "\n"
                    + "apiVersion: v1\nkind: Secret\nmetadata:\n  name: " + name + "\ntype: Opaque\nstringData:\n"
                    + data.entrySet().stream().map(entry -> "  " + entry.getKey() + ": |-\n"
                            + entry.getValue().strip().lines().map(line -> "    " + line).collect(Collectors.joining("\n")))
                    .collect(Collectors.joining("\n")) + "\n";
            Path file = directory.resolve(name + ".yaml");
            Files.writeString(file, manifest);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
