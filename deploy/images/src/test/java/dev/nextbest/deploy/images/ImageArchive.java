package dev.nextbest.deploy.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** An OCI image archive as Jib writes it (oci-layout, index.json, blobs/), unpacked and read. */
final class ImageArchive {

    private static final ObjectMapper JSON = new ObjectMapper();

    final JsonNode index;
    final JsonNode manifest;
    final JsonNode config;
    private final Path unpacked;

    ImageArchive(Path tarball, Path workDir) throws IOException, InterruptedException {
        this.unpacked = Files.createDirectories(workDir.resolve("archive"));
        run(List.of("tar", "-xf", tarball.toString(), "-C", unpacked.toString()), Map.of());
        this.index = JSON.readTree(unpacked.resolve("index.json").toFile());
        this.manifest = JSON.readTree(blob(index.at("/manifests/0/digest").asText()).toFile());
        this.config = JSON.readTree(blob(manifest.at("/config/digest").asText()).toFile());
    }

    List<String> layerDigests() {
        List<String> digests = new ArrayList<>();
        manifest.get("layers").forEach(layer -> digests.add(layer.get("digest").asText()));
        return digests;
    }

    /** Every layer applied in order: the container's file system. */
    Path rootFileSystem(Path into) throws IOException, InterruptedException {
        Files.createDirectories(into);
        for (String digest : layerDigests()) {
            run(List.of("tar", "--warning=no-unknown-keyword", "-xzf", blob(digest).toString(), "-C", into.toString()), Map.of());
        }
        return into;
    }

    private Path blob(String digest) {
        return unpacked.resolve("blobs").resolve(digest.replace(':', '/'));
    }

    /** The image's environment variables, as a container runtime sets them. */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        config.at("/config/Env").forEach(entry -> {
            String[] pair = entry.asText().split("=", 2);
            environment.put(pair[0], pair[1]);
        });
        return environment;
    }

    /** Runs a command to its end with only the given environment; its output, or an AssertionError with it. */
    static String run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (!environment.isEmpty()) {
            builder.environment().clear();
            builder.environment().putAll(environment);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
