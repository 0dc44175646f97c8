package dev.nextbest.deploy.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The file system every image starts from, instead of a base image pulled from a registry (none is
 * reachable where this builds): a Java runtime made by jlink from the building JDK, the shared libraries
 * it and the services' native code link against (found with ldd, copied from this machine), a non-root
 * user, and /tmp. Nothing else: no shell, no package manager.
 */
final class RuntimeRoot {

    static final String JAVA_HOME = "/opt/java";
    static final int USER_ID = 185;
    /** What the services need of the JDK: all of Java SE, and the JDK modules Quarkus, Netty and Kafka use. */
    private static final String MODULES = "java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,"
            + "jdk.naming.dns,jdk.management,jdk.jfr,jdk.net,jdk.localedata";
    /**
     * The JDK's sound, font, colour-profile, JPEG and X11 window libraries: a headless server loads none of
     * them, so the system libraries they link against (ALSA, FreeType, X11, ...) stay out of the image.
     */
    private static final Set<String> DESKTOP_ONLY = Set.of("libawt_xawt.so", "libsplashscreen.so", "libjawt.so",
            "libjsound.so", "libfontmanager.so", "liblcms.so", "libjavajpeg.so");
    private static final Pattern LDD_LINE = Pattern.compile("^\\s*(?:\\S+ => )?(/\\S+) \\(0x[0-9a-f]+\\)$");

    private final Path root;
    private final PrintStream progress;

    RuntimeRoot(Path root, PrintStream progress) {
        this.root = root;
        this.progress = progress;
    }

    Path path() {
        return root;
    }

    /**
     * Builds it, with the libraries that the native code inside {@code applicationJars} needs as well
     * (ONNX Runtime's, in nba-service).
     */
    Path build(List<Path> applicationJars) throws IOException, InterruptedException {
        deleteRecursively(root);
        Files.createDirectories(root);
        Path java = root.resolve(JAVA_HOME.substring(1));
        progress.println("  jlink: a Java runtime of " + MODULES.split(",").length + " modules ...");
        jlink(java);
        trustTheSystemCertificates(java);

        List<Path> linked = new ArrayList<>();
        try (Stream<Path> files = Files.walk(java)) {
            files.filter(Files::isRegularFile)
                    .filter(file -> file.toString().endsWith(".so") || file.getParent().getFileName().toString().equals("bin"))
                    .filter(file -> !DESKTOP_ONLY.contains(file.getFileName().toString()))
                    .forEach(linked::add);
        }
        Path natives = Files.createTempDirectory("nextbest-natives");
        try {
            for (Path jar : applicationJars) {
                linked.addAll(extractLinuxLibraries(jar, natives));
            }
            // The jars' own libraries load each other from where the JVM unpacks them, not from the system.
            Set<String> bundled = new TreeSet<>();
            linked.forEach(file -> bundled.add(file.getFileName().toString().replaceFirst("^.*\\.jar-", "")));
            Set<String> libraries = new TreeSet<>();
            for (Path binary : linked) {
                libraries.addAll(sharedLibraries(binary, bundled));
            }
            libraries.removeIf(library -> library.startsWith(root.toString()) || library.startsWith(natives.toString()));
            progress.println("  " + libraries.size() + " system libraries: " + String.join(" ", libraries));
            for (String library : libraries) {
                Path target = root.resolve(library.substring(1));
                Files.createDirectories(target.getParent());
                // The library's real file under the name the loader looks for (ldd names the symlink).
                Files.copy(Path.of(library).toRealPath(), target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            deleteRecursively(natives);
        }
        writeEtc();
        Files.createDirectories(root.resolve("tmp"));
        Files.createDirectories(root.resolve("deployments"));
        return root;
    }

    private void jlink(Path output) {
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() ->
                new IllegalStateException("jlink is not in this JDK (" + System.getProperty("java.home") + "); build with a full JDK"));
        int exit = jlink.run(progress, System.err, "--add-modules", MODULES, "--output", output.toString(),
                "--strip-debug", "--no-man-pages", "--no-header-files", "--compress=2", "--include-locales=en");
        if (exit != 0) {
            throw new IllegalStateException("jlink failed (exit " + exit + ")");
        }
    }

    /** Some JDK packages (Debian's) keep the CA certificates outside the JDK; the runtime needs a real file. */
    private static void trustTheSystemCertificates(Path java) throws IOException {
        Path cacerts = java.resolve("lib/security/cacerts");
        Path system = Path.of("/etc/ssl/certs/java/cacerts");
        if ((!Files.isRegularFile(cacerts) || Files.size(cacerts) < 1024) && Files.isRegularFile(system)) {
            Files.copy(system.toRealPath(), cacerts, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The Linux x86-64 native libraries a jar carries (e.g. ai/onnxruntime/native/linux-x64/*.so). */
    private static List<Path> extractLinuxLibraries(Path jar, Path into) throws IOException {
        List<Path> extracted = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                String name = entry.getName();
                if (name.endsWith(".so") && (name.contains("linux-x64") || name.contains("linux-x86_64") || name.contains("linux-amd64"))) {
                    Path target = into.resolve(jar.getFileName() + "-" + Path.of(name).getFileName());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    extracted.add(target);
                }
            }
        }
        return extracted;
    }

    /**
     * The absolute paths ldd reports for a binary, the loader included; none for a static or foreign file.
     * A library ldd cannot find is an error, unless it is one of {@code bundled}.
     */
    static Set<String> sharedLibraries(Path binary, Set<String> bundled) throws IOException, InterruptedException {
        Process ldd = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
        String output = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ldd.waitFor(30, TimeUnit.SECONDS)) {
            ldd.destroyForcibly();
            throw new IllegalStateException("ldd did not finish for " + binary);
        }
        Set<String> libraries = new TreeSet<>();
        for (String line : output.lines().toList()) {
            String needed = line.strip().split(" ")[0];
            if (line.contains("not found") && bundled.stream().noneMatch(own -> needed.equals(own) || needed.startsWith(own + "."))) {
                throw new IllegalStateException(binary + " needs a library this machine lacks: " + line.strip());
            }
            Matcher matcher = LDD_LINE.matcher(line);
            if (matcher.matches()) {
                libraries.add(matcher.group(1));
            }
        }
        return libraries;
    }

    private void writeEtc() throws IOException {
        Path etc = Files.createDirectories(root.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/sbin/nologin\n"
                + "nextbest:x:" + USER_ID + ":" + USER_ID + ":nextbest:/deployments:/sbin/nologin\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\nnextbest:x:" + USER_ID + ":\n");
        Files.writeString(etc.resolve("nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files dns\n");
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
