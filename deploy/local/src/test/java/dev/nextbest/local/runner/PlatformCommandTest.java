package dev.nextbest.local.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformCommandTest {

    @TempDir
    Path root;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        String[] withRoot = new String[args.length + 2];
        withRoot[0] = "--root";
        withRoot[1] = root.toString();
        System.arraycopy(args, 0, withRoot, 2, args.length);
        return Platform.run(withRoot, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheCommandsPortsAndExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("up", "down", "status", "reset")
                .contains("NEXTBEST_POSTGRES_PORT", "55432", "NEXTBEST_NBA_PORT", "8080")
                .contains("Exit codes");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(run("frobnicate")).isEqualTo(Platform.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'");
    }

    @Test
    void tokenNamesTheStandardClientsAndSaysWhenIdentityServiceIsNotRunning() {
        assertThat(run("token")).isEqualTo(Platform.USAGE);
        assertThat(run("token", "no-such-client")).isEqualTo(Platform.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("agent-desktop", "platform-admin");

        // Nothing listens on this port, so the secrets are made but no token comes back.
        assertThat(Platform.run(new String[] {"--root", root.toString(), "token", "agent-desktop"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)))
                .isIn(Platform.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("deploy/platform: ");
    }

    @Test
    void theLocalSecretsKeepClientSecretsApartFromTheHashesIdentityServiceReads() throws Exception {
        LocalSecrets secrets = new LocalSecrets(root.resolve("secrets"));
        Map<String, String> identity = secrets.identityConfig();
        String agentSecret = secrets.clientSecrets().getProperty("agent-desktop");

        String declared = java.nio.file.Files.readString(Path.of(identity.get("nextbest.identity.clients.file")));
        assertThat(declared).contains("\"agent-desktop\"", "$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(agentSecret);
        assertThat(identity.get("nextbest.identity.signing.keys")).contains("\"kid\":\"local-1\"", "\"kty\":\"RSA\"");
        assertThat(java.nio.file.Files.getPosixFilePermissions(root.resolve("secrets/api-clients.properties")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(new LocalSecrets(root.resolve("secrets")).identityConfig()).as("made once, then kept").isEqualTo(identity);
    }

    @Test
    void kubernetesSecretWritesTheSecretTheChartReadsWithFreshKeys() throws Exception {
        assertThat(run("kubernetes-secret")).isEqualTo(Platform.USAGE);
        assertThat(run("kubernetes-secret", "Not_A_Name")).isEqualTo(Platform.USAGE);
        assertThat(run("kubernetes-secret", "shop-secrets")).isZero();
        Path manifest = root.resolve(".platform/kubernetes/shop-secrets.yaml");
        String yaml = java.nio.file.Files.readString(manifest);
        assertThat(yaml).contains("kind: Secret", "name: shop-secrets", "  platform-services-secret: |-",
                "  pseudonym-keys: |-\n    1:", "  signing-keys: |-\n    {\"keys\":[", "  signing-active-key: |-",
                "  clients.json: |-");
        assertThat(java.nio.file.Files.getPosixFilePermissions(manifest)).hasSize(2);
        java.util.Properties clients = new java.util.Properties();
        clients.load(java.nio.file.Files.newBufferedReader(root.resolve(".platform/kubernetes/secrets/api-clients.properties")));
        assertThat(yaml).contains("platform-services-secret: |-\n    " + clients.getProperty("platform-services") + "\n");
        assertThat(yaml).doesNotContain(clients.getProperty("agent-desktop")).as("only hashes of the other clients' secrets");
        assertThat(run("kubernetes-secret", "shop-secrets")).as("never over secrets already made").isEqualTo(Platform.USAGE);
    }

    @Test
    void statusAndDownSayWhenNothingRuns() {
        assertThat(run("status")).isEqualTo(Platform.FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("not running");
        assertThat(run("down")).isEqualTo(Platform.OK);
    }

    @Test
    void resetDeletesTheLocalDataOnly() throws Exception {
        Path data = root.resolve(".platform/data/postgres");
        java.nio.file.Files.createDirectories(data);
        java.nio.file.Files.writeString(data.resolve("file"), "x");
        java.nio.file.Files.createDirectories(root.resolve(".platform/logs"));

        assertThat(run("reset")).isZero();

        assertThat(root.resolve(".platform/data")).doesNotExist();
        assertThat(root.resolve(".platform/logs")).exists();
    }

    @Test
    void portsComeFromTheEnvironmentAndAreChecked() {
        PlatformSettings settings = PlatformSettings.from(root, Map.of("NEXTBEST_NBA_PORT", "18080"));
        assertThat(settings.port("NEXTBEST_NBA_PORT")).isEqualTo(18080);
        assertThat(settings.port(PlatformSettings.POSTGRES_PORT)).isEqualTo(55432);

        assertThatThrownBy(() -> PlatformSettings.from(root, Map.of("NEXTBEST_REDIS_PORT", "70000")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("NEXTBEST_REDIS_PORT must be a port number");
    }

    @Test
    void servicesAreStartedWithTheirConfigurationInTheEnvironment() {
        assertThat(ServiceProcess.environmentName("quarkus.datasource.reactive.url"))
                .isEqualTo("QUARKUS_DATASOURCE_REACTIVE_URL");
        assertThat(ServiceProcess.environmentName("kafka.bootstrap.servers")).isEqualTo("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void upRefusesToStartWhatIsNotBuilt() {
        assertThat(run("up")).isEqualTo(Platform.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("identity-service is not built");
        assertThat(root.resolve(".platform/platform.pid")).as("nothing written before the checks pass").doesNotExist();
    }
}
