package dev.nextbest.deploy.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import dev.nextbest.local.servers.LocalServers;
import dev.nextbest.local.servers.Ports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Builds nba-service's image (the one with native code: ONNX Runtime) from the packaged service, without a
 * Docker engine, and checks what a container runtime would run: the image's configuration, and, in its
 * unpacked file system, that its Java starts and its native libraries find every library they need.
 */
class BuildImagesTest {

    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

    @TempDir
    static Path work;
    static Path tarball;
    static String log;

    static Path privacyTarball;

    @BeforeAll
    static void buildTheImages() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, Path> written = BuildImages.build(REPOSITORY, work.resolve("images"), "registry.example.com/nextbest",
                "1.2.3", List.of("privacy-service", "nba-service"), new PrintStream(out, true, StandardCharsets.UTF_8));
        log = out.toString(StandardCharsets.UTF_8);
        tarball = written.get("nba-service");
        privacyTarball = written.get("privacy-service");
    }

    @Test
    void isAnOciImageThatRunsTheServiceAsANonRootUser() throws Exception {
        ImageArchive image = new ImageArchive(tarball, work);
        assertThat(image.index.at("/manifests/0/annotations").toString()).contains("registry.example.com/nextbest/nba-service:1.2.3");
        assertThat(image.manifest.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        JsonNode config = image.config.get("config");
        assertThat(config.get("User").asText()).isEqualTo("185:185");
        assertThat(texts(config.get("Entrypoint"))).containsExactly("/opt/java/bin/java", "-jar", "/deployments/quarkus-run.jar");
        assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(texts(config.get("Env"))).contains("JAVA_HOME=/opt/java", "QUARKUS_HTTP_HOST=0.0.0.0");
        assertThat(config.at("/Labels/org.opencontainers.image.version").asText()).isEqualTo("1.2.3");
        assertThat(image.layerDigests()).as("runtime, system, libraries, quarkus, application").hasSize(5);
        assertThat(log).contains("libstdc++.so.6").doesNotContain("libX11").doesNotContain("libasound");
    }

    @Test
    void theSameServiceGivesTheSameLayersAboveTheRuntime() throws Exception {
        Map<String, Path> again = BuildImages.build(REPOSITORY, work.resolve("again"), "registry.example.com/nextbest",
                "1.2.3", List.of("privacy-service"), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        List<String> first = new ImageArchive(privacyTarball, work.resolve("first")).layerDigests();
        List<String> second = new ImageArchive(again.get("privacy-service"), work.resolve("second")).layerDigests();
        // System libraries, application libraries, Quarkus, the service: digest for digest. (JDK 17's jlink
        // does not write the same runtime twice byte for byte; its layer is the one that may differ.)
        assertThat(second.subList(1, 5)).isEqualTo(first.subList(1, 5));
    }

    @Test
    void itsJavaStartsAsTheImageUserAndOnnxRuntimeFindsItsLibraries() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "chroot needs root (CI runs as root)");
        ImageArchive image = new ImageArchive(tarball, work.resolve("run"));
        Path root = image.rootFileSystem(work.resolve("rootfs"));
        Map<String, String> environment = new HashMap<>(image.environment());
        environment.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"); // where chroot itself is, outside the image

        String version = ImageArchive.run(List.of("chroot", "--userspec=185:185", root.toString(), "/opt/java/bin/java", "-version"),
                environment);
        assertThat(version).contains("OpenJDK");

        // ONNX Runtime unpacks its libraries at run time; ask the image's own loader what they need.
        Path onnx;
        try (Stream<Path> jars = Files.list(root.resolve("deployments/lib/main"))) {
            onnx = jars.filter(jar -> jar.getFileName().toString().contains("onnxruntime")).findFirst().orElseThrow();
        }
        List<String> loaded = new ArrayList<>();
        try (ZipFile zip = new ZipFile(onnx.toFile())) {
            for (String name : List.of("libonnxruntime.so", "libonnxruntime4j_jni.so")) {
                ZipEntry entry = zip.getEntry("ai/onnxruntime/native/linux-x64/" + name);
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, root.resolve("tmp").resolve(name));
                }
            }
        }
        // The JNI library names ONNX Runtime by its soname; at run time it is already loaded under the file's name.
        Files.copy(root.resolve("tmp/libonnxruntime.so"), root.resolve("tmp/libonnxruntime.so.1"));
        for (String library : List.of("libonnxruntime.so", "libonnxruntime4j_jni.so")) {
            loaded.add(ImageArchive.run(List.of("chroot", "--userspec=185:185", root.toString(),
                    "/lib64/ld-linux-x86-64.so.2", "--library-path", "/tmp", "--list", "/tmp/" + library), environment));
        }
        assertThat(loaded).allSatisfy(list -> assertThat(list).contains("libstdc++.so.6").doesNotContain("not found"));
    }

    @Test
    void theServiceStartsFromItsImageWithTheChartsConfigurationAndReportsReady() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "chroot needs root (CI runs as root)");
        ImageArchive image = new ImageArchive(privacyTarball, work.resolve("privacy"));
        Path root = image.rootFileSystem(work.resolve("privacy-rootfs"));
        int port = Ports.freePort();
        try (LocalServers servers = LocalServers.temporary().start()) {
            servers.quarkusConfig("privacy"); // creates its database
            // The environment the Helm chart gives the container, for data stores at these addresses.
            Map<String, String> environment = new HashMap<>(image.environment());
            environment.putAll(chartEnvironment("privacy", Map.of(
                    "postgresql.host", "127.0.0.1", "postgresql.port", servers.postgres().port(),
                    "postgresql.sslMode", "disable", "postgresql.username", "postgres",
                    "redis.hosts", servers.redis().url(), "kafka.bootstrapServers", servers.kafka().bootstrapServers())));
            environment.put("QUARKUS_HTTP_PORT", String.valueOf(port)); // the pod's own network is this machine's here
            environment.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
            List<String> command = new ArrayList<>(List.of("chroot", "--userspec=185:185", root.toString()));
            command.addAll(texts(image.config.at("/config/Entrypoint")));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("privacy-service.log").toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process service = builder.start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                // The chart's probes, in the order Kubernetes uses them.
                assertThat(await(http, port, "/q/health/started", service)).contains("UP");
                assertThat(await(http, port, "/q/health/ready", service)).contains("\"status\": \"UP\"");
                assertThat(await(http, port, "/q/health/live", service)).contains("UP");
                assertThat(Files.readAllLines(Path.of("/proc", String.valueOf(service.pid()), "status")))
                        .as("the service runs as the image's user, not root")
                        .anySatisfy(line -> assertThat(line).matches("Uid:\\s+185\\s+185\\s+185\\s+185"));
            } finally {
                service.destroy();
                service.waitFor(20, TimeUnit.SECONDS);
                service.destroyForcibly();
            }
        }
    }

    /** A service's ConfigMap and plain environment values in the rendered chart (no Secrets are needed here). */
    private static Map<String, String> chartEnvironment(String service, Map<String, Object> values) {
        var template = new Helm(REPOSITORY.resolve("deploy/helm/nextbest")).template().withName("shop").withKubeVersion("1.30.0");
        values.forEach(template::set);
        String manifests = template.call();
        Map<String, String> environment = new HashMap<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (String document : manifests.split("(?m)^---\\s*$")) {
            JsonNode resource;
            try {
                resource = yaml.readTree(document);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            if (resource == null || !("shop-nextbest-" + service).equals(resource.at("/metadata/name").asText())) {
                continue;
            }
            if (resource.at("/kind").asText().equals("ConfigMap")) {
                resource.get("data").fields().forEachRemaining(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
            }
            if (resource.at("/kind").asText().equals("Deployment")) {
                resource.at("/spec/template/spec/containers/0/env").forEach(env -> {
                    if (env.has("value")) {
                        environment.put(env.get("name").asText(), env.get("value").asText());
                    }
                });
            }
        }
        assertThat(environment).containsKeys("QUARKUS_DATASOURCE_REACTIVE_URL", "KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_USERNAME");
        return environment;
    }

    /** The endpoint's body once it answers 200 (within two minutes), failing early if the service exits. */
    private static String await(HttpClient http, int port, String path, Process service) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new AssertionError("the service exited with " + service.exitValue() + ":\n"
                        + Files.readString(work.resolve("privacy-service.log")));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError(path + " did not answer 200 in two minutes:\n" + Files.readString(work.resolve("privacy-service.log")));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
