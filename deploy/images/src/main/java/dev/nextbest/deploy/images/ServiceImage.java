package dev.nextbest.deploy.images;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.FilePermissionsProvider;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.ModificationTimeProvider;
import com.google.cloud.tools.jib.api.buildplan.Port;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One service's OCI image, written as a tarball by Jib (no Docker engine): the runtime root, then the
 * Quarkus application in layers from the least to the most often changed (libraries, Quarkus's generated
 * classes, the service's own code), so that a new version ships only its small top layer.
 */
final class ServiceImage {

    static final String APPLICATION_DIR = "/deployments";
    static final int HTTP_PORT = 8080;
    /** Fixed file times: the same inputs give the same layers, digest for digest. */
    private static final ModificationTimeProvider EPOCH = (source, target) -> Instant.ofEpochSecond(1);
    private static final FilePermissionsProvider AS_ON_DISK = (source, target) ->
            Files.isDirectory(source) || Files.isExecutable(source) ? FilePermissions.fromOctalString("755")
                    : FilePermissions.fromOctalString("644");

    private final String service;
    private final Path application;

    /** @param application the service's target/quarkus-app */
    ServiceImage(String service, Path application) {
        this.service = service;
        this.application = application;
    }

    JibContainer writeTo(Path tarball, String imageName, RuntimeRoot runtime, Path cache) throws Exception {
        if (!Files.isRegularFile(application.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(service + " is not packaged (" + application.resolve("quarkus-run.jar")
                    + " is missing); run ./mvnw package -DskipTests first");
        }
        AbsoluteUnixPath app = AbsoluteUnixPath.get(APPLICATION_DIR);
        Path root = runtime.path();
        FileEntriesLayer.Builder system = FileEntriesLayer.builder().setName("system libraries and users");
        try (var entries = Files.list(root)) {
            for (Path top : entries.filter(path -> !path.getFileName().toString().equals("opt")).sorted().toList()) {
                system.addEntryRecursive(top, AbsoluteUnixPath.get("/" + top.getFileName()), permissions(), EPOCH);
            }
        }
        return Jib.fromScratch()
                .setFormat(ImageFormat.OCI)
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("java runtime")
                        .addEntryRecursive(root.resolve("opt"), AbsoluteUnixPath.get("/opt"), AS_ON_DISK, EPOCH).build())
                .addFileEntriesLayer(system.build())
                .addFileEntriesLayer(layer("libraries", application.resolve("lib"), app.resolve("lib")))
                .addFileEntriesLayer(layer("quarkus", application.resolve("quarkus"), app.resolve("quarkus")))
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("application")
                        .addEntryRecursive(application.resolve("app"), app.resolve("app"), AS_ON_DISK, EPOCH)
                        .addEntry(application.resolve("quarkus-run.jar"), app.resolve("quarkus-run.jar"),
                                FilePermissions.fromOctalString("644"), EPOCH.get(null, null))
                        .build())
                .setEntrypoint(List.of(RuntimeRoot.JAVA_HOME + "/bin/java", "-jar", APPLICATION_DIR + "/quarkus-run.jar"))
                .setEnvironment(Map.of(
                        "JAVA_HOME", RuntimeRoot.JAVA_HOME,
                        // The JDK finds its libraries by $ORIGIN, which needs /proc; this works without it too.
                        "LD_LIBRARY_PATH", RuntimeRoot.JAVA_HOME + "/lib",
                        "PATH", RuntimeRoot.JAVA_HOME + "/bin",
                        "LANG", "C.UTF-8",
                        "QUARKUS_HTTP_HOST", "0.0.0.0",
                        "QUARKUS_HTTP_PORT", String.valueOf(HTTP_PORT)))
                .setWorkingDirectory(app)
                .setUser(RuntimeRoot.USER_ID + ":" + RuntimeRoot.USER_ID)
                .addExposedPort(Port.tcp(HTTP_PORT))
                .addLabel("org.opencontainers.image.title", service)
                .addLabel("org.opencontainers.image.description", "Nextbest " + service)
                .addLabel("org.opencontainers.image.version", ImageReference.parse(imageName).getQualifier())
                .setCreationTime(Instant.ofEpochSecond(1))
                .containerize(Containerizer.to(TarImage.at(tarball).named(imageName))
                        .setBaseImageLayersCache(cache).setApplicationLayersCache(cache)
                        .setToolName("nextbest-images"));
    }

    /** /tmp is writable by everyone, as a container run without a volume on /tmp needs. */
    private static FilePermissionsProvider permissions() {
        return (source, target) -> target.toString().equals("/tmp") ? FilePermissions.fromOctalString("777")
                : AS_ON_DISK.get(source, target);
    }

    private static FileEntriesLayer layer(String name, Path source, AbsoluteUnixPath target) throws IOException {
        return FileEntriesLayer.builder().setName(name).addEntryRecursive(source, target, AS_ON_DISK, EPOCH).build();
    }
}
