package dev.nextbest.local.runner;

import dev.nextbest.local.servers.Ports;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The command behind deploy/platform: runs the whole platform on this machine. */
public final class Platform {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int ALREADY_RUNNING = 3;

    private static final String HELP = """
            Usage: deploy/platform <command>

            Runs the Nextbest platform on this machine: real PostgreSQL, Redis and Kafka servers
            (data kept in .platform/data) and the four services, each in its own JVM (logs in
            .platform/logs). Needs only a JDK 17 or newer; 'up' builds what is missing first.

            Commands:
              up      start everything, wait until every service is ready, print the URLs;
                      runs in the foreground until Ctrl-C (or 'down' from another terminal)
              down    stop a platform started by 'up'
              status  say whether the platform runs and whether each service is ready
              reset   delete .platform/data (the platform must be stopped)
              demo [<people>]
                      add a synthetic customer base to the running platform through its APIs
                      (default 2000 people; 'up' adds one by itself the first time, sized by
                      NEXTBEST_DEMO_PEOPLE, 0 for none)
              token <client-id> [<customer-id>]
                      print an access token of one of the standard API clients (agent-desktop,
                      mobile-app, web-app, marketer-console, privacy-console, platform-admin,
                      platform-services); mobile-app and web-app tokens act for one customer id
              kubernetes-secret <name> [<directory>]
                      generate the platform's secrets for a Kubernetes installation: a Secret
                      manifest <name>.yaml for the Helm chart, and the API clients' secrets in
                      secrets/api-clients.properties (default directory .platform/kubernetes)
              help    show this text

            Ports (environment variable = default):
            %s
            Exit codes: 0 done; 1 failed (the message says why); 2 wrong usage;
                        3 already running, or a port is taken.
            """;

    static final int DEFAULT_DEMO_PEOPLE = 2_000;

    private final PlatformSettings settings;
    private final PrintStream out;

    Platform(PlatformSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> words = commandWords(args);
        String command = words.isEmpty() ? "help" : words.get(0);
        List<String> parameters = words.isEmpty() ? List.of() : words.subList(1, words.size());
        try {
            Path root = rootFrom(args);
            Platform platform = new Platform(PlatformSettings.from(root, System.getenv()), out);
            if (!List.of("token", "demo", "kubernetes-secret").contains(command) && !parameters.isEmpty()) {
                throw new UsageException("'" + command + "' takes no arguments; try: deploy/platform help");
            }
            return switch (command) {
                case "up" -> platform.up();
                case "down" -> platform.down();
                case "status" -> platform.status();
                case "reset" -> platform.reset();
                case "token" -> platform.token(parameters, err);
                case "demo" -> platform.demo(parameters);
                case "kubernetes-secret" -> platform.kubernetesSecret(parameters);
                case "help", "--help", "-h" -> platform.help();
                default -> throw new UsageException("unknown command '" + command + "'; try: deploy/platform help");
            };
        } catch (UsageException e) {
            err.println("deploy/platform: " + e.getMessage());
            return USAGE;
        } catch (Ports.PortInUseException e) {
            err.println("deploy/platform: " + e.getMessage());
            return ALREADY_RUNNING;
        } catch (RuntimeException e) {
            err.println("deploy/platform: " + e.getMessage());
            return FAILED;
        }
    }

    /** The arguments after {@code --root DIR}: the command and its parameters. */
    private static List<String> commandWords(String[] args) {
        List<String> words = new ArrayList<>(List.of(args));
        int root = words.indexOf("--root");
        if (root >= 0 && root + 1 < words.size()) {
            words.subList(root, root + 2).clear();
        }
        return words;
    }

    /** The script passes {@code --root DIR} first; without it the working directory is the root. */
    private static Path rootFrom(String[] args) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--root")) {
                return Path.of(args[i + 1]).toAbsolutePath().normalize();
            }
        }
        return Path.of("").toAbsolutePath();
    }

    private int kubernetesSecret(List<String> parameters) {
        if (parameters.isEmpty() || parameters.size() > 2) {
            throw new UsageException("usage: deploy/platform kubernetes-secret <name> [<directory>]");
        }
        Path directory = parameters.size() == 2 ? Path.of(parameters.get(1)).toAbsolutePath()
                : settings.home().resolve("kubernetes");
        Path manifest = KubernetesSecret.write(parameters.get(0), directory);
        out.println("Wrote " + manifest + " (apply it with kubectl -n <namespace> apply -f " + manifest.getFileName() + ")");
        out.println("and the API clients' secrets to " + directory.resolve("secrets").resolve(LocalSecrets.CLIENT_SECRETS)
                + " (for the people and programs that call the API; keep both out of version control).");
        return OK;
    }

    private int token(List<String> parameters, PrintStream err) {
        if (parameters.isEmpty() || parameters.size() > 2) {
            throw new UsageException("usage: deploy/platform token <client-id> [<customer-id>]");
        }
        String clientId = parameters.get(0);
        String secret = new LocalSecrets(settings.home().resolve("secrets")).clientSecrets().getProperty(clientId);
        if (secret == null) {
            throw new UsageException("no standard client '" + clientId + "'; the clients are " + StandardClients.ALL.stream()
                    .map(StandardClients.Client::id).collect(Collectors.joining(", ")));
        }
        int port = settings.port(ServiceDefinition.ALL.get(0));
        TokenRequest.Answer answer = TokenRequest.send(port, clientId, secret,
                parameters.size() == 2 ? Optional.of(parameters.get(1)) : Optional.empty());
        if (answer.token().isEmpty()) {
            err.println("deploy/platform: " + answer.error());
            return FAILED;
        }
        out.println(answer.token().get());
        return OK;
    }

    private int demo(List<String> parameters) {
        if (parameters.size() > 1 || (parameters.size() == 1 && !parameters.get(0).matches("[1-9][0-9]{0,5}"))) {
            throw new UsageException("usage: deploy/platform demo [<people>], people from 1 to 999999");
        }
        if (runningPlatform().isEmpty()) {
            out.println("The platform is not running. Start it with: deploy/platform up");
            return FAILED;
        }
        buildDemoPopulation(parameters.isEmpty() ? DEFAULT_DEMO_PEOPLE : Integer.parseInt(parameters.get(0)),
                System.currentTimeMillis());
        return OK;
    }

    /** The first time the platform starts, nba-service gets the sample catalogue and the shipped models. */
    private void loadSampleCatalogueOnce() {
        Path marker = settings.data().resolve("demo-catalogue");
        if (Files.exists(marker)) {
            return;
        }
        try {
            var secrets = new LocalSecrets(settings.home().resolve("secrets")).clientSecrets();
            int identityPort = settings.port(ServiceDefinition.ALL.get(0));
            String marketer = TokenRequest.send(identityPort, "marketer-console", secrets.getProperty("marketer-console"),
                    Optional.empty()).token().orElseThrow(() -> new IllegalStateException("no marketer token"));
            String officer = TokenRequest.send(identityPort, "privacy-console", secrets.getProperty("privacy-console"),
                    Optional.empty()).token().orElseThrow(() -> new IllegalStateException("no privacy officer token"));
            int live = new DemoCatalogue(settings.port(ServiceDefinition.ALL.get(3)), settings.port(ServiceDefinition.ALL.get(2)), marketer, officer,
                    settings.root().resolve("nba-service").resolve("models"), out).load();
            Files.writeString(marker, live + " actions, " + java.time.Instant.now() + "\n");
        } catch (IOException | RuntimeException e) {
            out.println("The sample catalogue could not be loaded: " + e.getMessage()
                    + "\nThe platform runs without it; `deploy/platform reset` starts again from nothing.");
        }
    }

    /** The first time the platform starts with no demo data, it builds some, so a new user sees real profiles. */
    private void seedDemoPopulationOnce() {
        Path marker = settings.data().resolve("demo-population");
        int people = demoPeople(System.getenv("NEXTBEST_DEMO_PEOPLE"));
        if (people == 0 || Files.exists(marker)) {
            return;
        }
        try {
            long events = buildDemoPopulation(people, 1);
            Files.writeString(marker, people + " people, " + events + " events, " + java.time.Instant.now() + "\n");
        } catch (IOException | RuntimeException e) {
            out.println("The demo population could not be built: " + e.getMessage()
                    + "\nThe platform runs without it; to try again: deploy/platform demo");
        }
    }

    private long buildDemoPopulation(int people, long seed) {
        String secret = new LocalSecrets(settings.home().resolve("secrets")).clientSecrets().getProperty("platform-services");
        int identityPort = settings.port(ServiceDefinition.ALL.get(0));
        TokenRequest.Answer answer = TokenRequest.send(identityPort, "platform-services", secret, Optional.empty());
        String token = answer.token().orElseThrow(() -> new IllegalStateException("no token: " + answer.error()));
        int profilePort = settings.port(ServiceDefinition.ALL.get(1));
        int privacyPort = settings.port(ServiceDefinition.ALL.get(2));
        return new DemoPopulation(identityPort, profilePort, privacyPort, token, out).build(people, seed);
    }

    static int demoPeople(String setting) {
        if (setting == null || setting.isBlank()) {
            return DEFAULT_DEMO_PEOPLE;
        }
        if (!setting.trim().matches("[0-9]{1,6}")) {
            throw new UsageException("NEXTBEST_DEMO_PEOPLE must be a number of people from 0 to 999999, not '" + setting + "'");
        }
        return Integer.parseInt(setting.trim());
    }

    private int help() {
        StringBuilder ports = new StringBuilder();
        PlatformSettings.DEFAULT_PORTS.forEach((variable, port) ->
                ports.append(String.format("  %-32s %d%n", variable, port)));
        out.print(HELP.formatted(ports));
        return OK;
    }

    private int up() {
        Optional<ProcessHandle> running = runningPlatform();
        if (running.isPresent()) {
            out.println("The platform is already running (pid " + running.get().pid() + "). Stop it with: deploy/platform down");
            return ALREADY_RUNNING;
        }
        RunningPlatform platform = new RunningPlatform(settings, out);
        try {
            platform.checkPreconditions();
        } catch (Ports.PortInUseException e) {
            out.println("The platform cannot start: " + e.getMessage());
            return ALREADY_RUNNING;
        }
        configureServerLogging();
        out.println("Starting the Nextbest platform (data: .platform/data, logs: .platform/logs)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.stop();
            deletePidFile();
            stopped.countDown();
        }, "platform-stop"));
        writePidFile();
        try {
            platform.start();
        } catch (RuntimeException e) {
            out.println("\nThe platform did not start: " + e.getMessage());
            return FAILED; // the shutdown hook stops what did start
        }
        loadSampleCatalogueOnce();
        seedDemoPopulationOnce();
        platform.printEndpoints();
        awaitUninterruptibly(stopped);
        return OK;
    }

    private int down() {
        Optional<ProcessHandle> running = runningPlatform();
        if (running.isEmpty()) {
            out.println("The platform is not running.");
            deletePidFile();
            return OK;
        }
        out.println("Stopping the platform (pid " + running.get().pid() + ") ...");
        running.get().destroy();
        try {
            running.get().onExit().get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            out.println("It did not stop within 2 minutes; see .platform/logs/.");
            return FAILED;
        }
        out.println("Stopped.");
        return OK;
    }

    private int status() {
        Optional<ProcessHandle> running = runningPlatform();
        if (running.isEmpty()) {
            out.println("The platform is not running.");
            return FAILED;
        }
        out.println("The platform is running (pid " + running.get().pid() + ").");
        boolean allReady = true;
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            boolean ready = ServiceProcess.isReady(settings.port(service));
            allReady &= ready;
            out.printf("  %-17s %s  http://localhost:%d%s%n", service.name(), ready ? "ready    " : "NOT READY",
                    settings.port(service), service.apiPath());
        }
        return allReady ? OK : FAILED;
    }

    private int reset() {
        if (runningPlatform().isPresent()) {
            out.println("The platform is running; stop it first with: deploy/platform down");
            return FAILED;
        }
        if (!Files.exists(settings.data())) {
            out.println("Nothing to reset: " + settings.root().relativize(settings.data()) + " does not exist.");
            return OK;
        }
        try (Stream<Path> paths = Files.walk(settings.data())) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("Deleted " + settings.root().relativize(settings.data()) + ".");
        return OK;
    }

    private Optional<ProcessHandle> runningPlatform() {
        try {
            if (!Files.exists(settings.pidFile())) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(settings.pidFile()).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info().commandLine().map(line -> line.contains(Platform.class.getName())).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void writePidFile() {
        try {
            Files.createDirectories(settings.home());
            Files.writeString(settings.pidFile(), String.valueOf(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(settings.pidFile());
        } catch (IOException ignored) {
            // a stale pid file is recognised as such on the next start
        }
    }

    /** The servers' own logs go to .platform/logs/servers.log, not the terminal; Kafka only from WARN. */
    private void configureServerLogging() {
        try {
            Files.createDirectories(settings.logs());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", settings.logs().resolve("servers.log").toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        // Unpacked PostgreSQL binaries are cached with the platform's other state.
        System.setProperty("ot.epg.working-dir", settings.home().resolve("postgres-binaries").toString());
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException ignored) {
                // keep waiting: only the shutdown hook ends the run
            }
        }
    }
}
