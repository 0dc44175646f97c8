package dev.nextbest.deploy.images;

import com.google.cloud.tools.jib.api.JibContainer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds the services' container images as OCI tarballs, without a Docker engine. Usually run as
 * {@code ./mvnw package -DskipTests -Pimages}; see {@link #USAGE}.
 */
public final class BuildImages {

    static final List<String> SERVICES = List.of("identity-service", "profile-service", "privacy-service", "nba-service");
    static final String USAGE = """
            Usage: BuildImages [--repository DIR] [--output DIR] [--registry NAME] [--tag TAG] [SERVICE...]

            Builds an OCI image tarball per service (all four unless named) from its packaged Quarkus
            application (<service>/target/quarkus-app; run ./mvnw package -DskipTests first). No Docker
            engine is used: Jib writes the tarballs, on a Java runtime made by jlink and this machine's
            system libraries. Load or push them with any OCI tool, e.g.
              skopeo copy oci-archive:nba-service.tar docker://registry.example.com/nextbest/nba-service:TAG
              podman load -i nba-service.tar      docker load -i nba-service.tar (Docker 25+)

              --repository DIR  the project checkout (default: .)
              --output DIR      where the tarballs go (default: deploy/images/target/images)
              --registry NAME   the image names' registry and path (default: ghcr.io/nextbest)
              --tag TAG         the images' tag (default: latest)
              --help            this text

            Exit status: 0 when every image was written, 1 when one failed, 2 on wrong arguments.
            """;

    private BuildImages() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--repository", ".", "--registry", "ghcr.io/nextbest", "--tag", "latest"));
        List<String> services = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                out.print(USAGE);
                return 0;
            }
            if (arg.startsWith("--")) {
                if (!options.containsKey(arg) && !arg.equals("--output") || i + 1 == args.length) {
                    err.println("unknown option or missing value: " + arg);
                    err.print(USAGE);
                    return 2;
                }
                options.put(arg, args[++i]);
            } else if (SERVICES.contains(arg)) {
                services.add(arg);
            } else {
                err.println("unknown service: " + arg + " (one of " + String.join(", ", SERVICES) + ")");
                return 2;
            }
        }
        if (services.isEmpty()) {
            services.addAll(SERVICES);
        }
        Path repository = Path.of(options.get("--repository")).toAbsolutePath().normalize();
        Path output = Path.of(options.getOrDefault("--output", repository.resolve("deploy/images/target/images").toString()));
        try {
            build(repository, output, options.get("--registry"), options.get("--tag"), services, out);
            return 0;
        } catch (Exception e) {
            err.println("image build failed: " + e.getMessage());
            return 1;
        }
    }

    static Map<String, Path> build(Path repository, Path output, String registry, String tag, List<String> services,
                                   PrintStream out) throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(output);
        Path work = output.resolve("work");
        out.println("Building " + services.size() + " image(s) into " + output + " ...");
        // The runtime root serves every packaged service, not only those asked for: all images share its
        // layers (a registry stores them once), whichever were built together.
        List<Path> jars = new ArrayList<>();
        for (String service : SERVICES) {
            Path application = application(repository, service);
            if (Files.isDirectory(application)) {
                try (Stream<Path> files = Files.walk(application)) {
                    files.filter(file -> file.toString().endsWith(".jar")).forEach(jars::add);
                }
            }
        }
        RuntimeRoot runtime = new RuntimeRoot(work.resolve("root"), out);
        runtime.build(jars);
        Map<String, Path> written = new LinkedHashMap<>();
        for (String service : services) {
            long t = System.nanoTime();
            Path tarball = output.resolve(service + ".tar");
            String name = registry.replaceAll("/+$", "") + "/" + service + ":" + tag;
            JibContainer image = new ServiceImage(service, application(repository, service))
                    .writeTo(tarball, name, runtime, work.resolve("layers"));
            out.printf("  %-17s %s  %s  %,d MB  (%.1f s)%n", service, name, image.getDigest(),
                    Files.size(tarball) / 1_000_000, (System.nanoTime() - t) / 1e9);
            written.put(service, tarball);
        }
        out.printf("Done in %.0f s.%n", (System.nanoTime() - started) / 1e9);
        return written;
    }

    static Path application(Path repository, String service) {
        return repository.resolve(service).resolve("target/quarkus-app");
    }
}
