package dev.nextbest.deploy.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Helm chart, linted and rendered by a real Helm, read back as Kubernetes objects. */
class ChartTest {

    private static final Path PRODUCTION = Path.of("src/test/resources/production-values.yaml");
    private static final List<String> SERVICES = List.of("identity", "profile", "privacy", "nba");
    /** Environment variables that carry a secret, by name. */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|KEYS|ACTIVE_KEY)$");

    @Test
    void passesStrictLint() {
        LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).noneMatch(message -> message.contains("[WARNING]") || message.contains("[ERROR]"));
    }

    @Test
    void rendersWithDefaultValuesIntoValidObjects() {
        RenderedChart chart = RenderedChart.render();
        assertThat(chart.unknownFields).as(chart.manifests).isEmpty();
        for (String service : SERVICES) {
            chart.named(Deployment.class, service);
            chart.named(Service.class, service);
            chart.named(ConfigMap.class, service);
            chart.named(ServiceAccount.class, service);
            chart.named(PodDisruptionBudget.class, service);
            chart.named(NetworkPolicy.class, service);
        }
        assertThat(chart.all(HorizontalPodAutoscaler.class)).extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrder("shop-nextbest-nba", "shop-nextbest-profile");
        assertThat(chart.all(Ingress.class)).isEmpty();
        assertThat(chart.all("ServiceMonitor")).isEmpty();
        // No Secret is made unless asked; the pods read the one the operator creates (NOTES.txt says so).
        assertThat(chart.all(Secret.class)).isEmpty();
        assertThat(secretNamesReferenced(chart)).contains("shop-nextbest-secrets");
        ConfigMap nba = chart.named(ConfigMap.class, "nba");
        assertThat(nba.getData())
                .containsEntry("QUARKUS_REST_CLIENT_IDENTITY_URL", "http://shop-nextbest-identity:8080")
                .containsEntry("QUARKUS_REST_CLIENT_PROFILE_URL", "http://shop-nextbest-profile:8080")
                .containsEntry("MP_JWT_VERIFY_ISSUER", "http://shop-nextbest-identity:8080")
                .containsEntry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "http://shop-nextbest-identity:8080/identity/v1/oauth2/jwks")
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://postgresql:5432/nba?sslmode=require")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
        assertThat(chart.named(ConfigMap.class, "identity").getData())
                .containsEntry("NEXTBEST_IDENTITY_TOKENS_ISSUER", "http://shop-nextbest-identity:8080")
                .doesNotContainKey("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
    }

    @Test
    void rendersProductionValuesIntoValidObjects() {
        RenderedChart chart = RenderedChart.render(PRODUCTION);
        assertThat(chart.unknownFields).as(chart.manifests).isEmpty();

        Deployment nba = chart.named(Deployment.class, "nba");
        assertThat(nba.getSpec().getReplicas()).as("the autoscaler owns the replica count").isNull();
        assertThat(chart.named(HorizontalPodAutoscaler.class, "nba").getSpec().getMaxReplicas()).isEqualTo(20);
        Container container = nba.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("registry.example.com/nextbest/nba-service:0.1.0");
        assertThat(env(container, "KAFKA_SASL_JAAS_CONFIG").getValue())
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"nextbest-kafka-user\" password=\"$(KAFKA_SASL_PASSWORD)\";");
        assertThat(env(container, "KAFKA_SASL_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo("nextbest-kafka-user");
        assertThat(nba.getSpec().getTemplate().getSpec().getVolumes())
                .extracting(volume -> volume.getSecret() == null ? null : volume.getSecret().getSecretName())
                .contains("events-cluster-ca-cert");

        Map<String, String> config = chart.named(ConfigMap.class, "nba").getData();
        assertThat(config)
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL",
                        "jdbc:postgresql://nextbest.cluster-abc.eu-west-1.rds.amazonaws.com:5432/nba?sslmode=verify-full")
                .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/nextbest/kafka-ca/ca.crt")
                .containsEntry("MP_JWT_VERIFY_ISSUER", "https://login.example.com/realms/retail")
                .containsEntry("QUARKUS_OIDC_CLIENT_TOKEN_PATH", "https://login.example.com/realms/retail/protocol/openid-connect/token")
                .containsEntry("SMALLRYE_JWT_PATH_GROUPS", "realm_access/roles")
                .containsEntry("NEXTBEST_DECISIONS_RETENTION", "P90D");
        assertThat(chart.named(ConfigMap.class, "identity").getData())
                .containsEntry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "https://login.example.com/realms/retail/protocol/openid-connect/certs")
                .containsEntry("MP_JWT_VERIFY_PUBLICKEY", "NONE");

        Ingress ingress = chart.all(Ingress.class).get(0);
        assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("api-retail-tls");
        assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths())
                .extracting(path -> path.getPath() + " -> " + path.getBackend().getService().getName())
                .containsExactlyInAnyOrder("/identity -> shop-nextbest-identity", "/profile -> shop-nextbest-profile",
                        "/privacy -> shop-nextbest-privacy", "/nba -> shop-nextbest-nba");

        List<GenericKubernetesResource> monitors = chart.all("ServiceMonitor");
        assertThat(monitors).hasSize(4).allSatisfy(monitor -> {
            assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
            assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
            assertThat(monitor.get("spec", "endpoints").toString()).contains("path=/q/metrics");
        });
    }

    @Test
    void everyDeploymentHasProbesLimitsAndARestrictedSecurityContext() {
        for (RenderedChart chart : List.of(RenderedChart.render(), RenderedChart.render(PRODUCTION))) {
            assertThat(chart.all(Deployment.class)).hasSize(4);
            chart.forEachDeployment(deployment -> {
                String name = deployment.getMetadata().getName();
                PodSpec pod = deployment.getSpec().getTemplate().getSpec();
                assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
                assertThat(pod.getSecurityContext().getRunAsUser()).as(name).isPositive();
                assertThat(pod.getAutomountServiceAccountToken()).as(name).isFalse();
                for (Container container : pod.getContainers()) {
                    assertThat(container.getStartupProbe().getHttpGet().getPath()).as(name).isEqualTo("/q/health/started");
                    assertThat(container.getLivenessProbe().getHttpGet().getPath()).as(name).isEqualTo("/q/health/live");
                    assertThat(container.getReadinessProbe().getHttpGet().getPath()).as(name).isEqualTo("/q/health/ready");
                    assertThat(container.getResources().getLimits()).as(name).containsKeys("cpu", "memory");
                    assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
                    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
                    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(name).isTrue();
                    assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(name).containsExactly("ALL");
                    assertThat(container.getVolumeMounts()).as(name + ": a writable /tmp on a read-only root")
                            .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
                }
            });
        }
    }

    @Test
    void everySecretValueComesFromTheValuesOrAnExistingSecret() {
        RenderedChart production = RenderedChart.render(PRODUCTION);
        assertThat(production.all(Secret.class)).as("production names its Secrets; the chart makes none").isEmpty();
        assertThat(secretNamesReferenced(production)).containsExactlyInAnyOrder("nextbest-platform", "nextbest-postgresql",
                "nextbest-redis", "nextbest-kafka-user", "events-cluster-ca-cert");
        for (RenderedChart chart : List.of(RenderedChart.render(), production)) {
            chart.forEachDeployment(deployment -> deployment.getSpec().getTemplate().getSpec().getContainers().forEach(container ->
                    container.getEnv().stream().filter(env -> SECRET_NAME.matcher(env.getName()).matches()).forEach(env ->
                            assertThat(env.getValueFrom()).as(deployment.getMetadata().getName() + " " + env.getName()
                                    + " must come from a Secret, never inline").isNotNull())));
            assertThat(chart.all(ConfigMap.class)).allSatisfy(map -> assertThat(map.getData().keySet())
                    .noneMatch(key -> SECRET_NAME.matcher(key).matches()));
        }

        RenderedChart trial = RenderedChart.render(List.of(), Map.of("secrets.create", true,
                "secrets.platformServicesSecret", "s3cret", "secrets.pseudonymKeys", "1:a2V5",
                "secrets.signingKeys", "{\"keys\":[]}", "secrets.signingActiveKey", "key-1", "secrets.clientsJson", "[]"));
        Secret secret = trial.all(Secret.class).get(0);
        assertThat(secret.getMetadata().getName()).isEqualTo("shop-nextbest-secrets");
        assertThat(decode(secret.getData().get("platform-services-secret"))).isEqualTo("s3cret");
        assertThat(decode(secret.getData().get("signing-active-key"))).isEqualTo("key-1");
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of("secrets.create", true)))
                .hasMessageContaining("secrets.platformServicesSecret is required");
    }

    @Test
    void networkPoliciesAllowOnlyTheCallsTheArchitectureMakes() {
        RenderedChart chart = RenderedChart.render(PRODUCTION);
        assertThat(callers(chart.named(NetworkPolicy.class, "identity"))).containsExactlyInAnyOrder("profile", "privacy", "nba");
        assertThat(callers(chart.named(NetworkPolicy.class, "profile"))).containsExactly("nba");
        assertThat(callers(chart.named(NetworkPolicy.class, "privacy"))).isEmpty();
        assertThat(callers(chart.named(NetworkPolicy.class, "nba"))).isEmpty();
        assertThat(callees(chart.named(NetworkPolicy.class, "nba"))).containsExactlyInAnyOrder("identity", "profile");
        assertThat(callees(chart.named(NetworkPolicy.class, "privacy"))).containsExactly("identity");
        assertThat(callees(chart.named(NetworkPolicy.class, "identity"))).isEmpty();
        NetworkPolicy nba = chart.named(NetworkPolicy.class, "nba");
        assertThat(nba.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        Set<Integer> egressPorts = nba.getSpec().getEgress().stream().flatMap(rule -> rule.getPorts().stream())
                .map(port -> port.getPort().getIntVal()).collect(Collectors.toSet());
        assertThat(egressPorts).containsExactlyInAnyOrder(53, 8080, 5432, 6379, 9092, 9093, 443);
        assertThat(RenderedChart.render(List.of(), Map.of("networkPolicy.enabled", false)).all(NetworkPolicy.class)).isEmpty();
    }

    @Test
    void wrongValuesAreRefusedByTheSchema() {
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of("services.nba.replicas", 0)))
                .hasMessageContaining("values don't meet the specifications of the schema").hasMessageContaining("replicas");
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of("kafka.securityProtocol", "TLS")))
                .hasMessageContaining("securityProtocol");
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of("postgresql.sslMode", "on")))
                .hasMessageContaining("sslMode");
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of("services.nba.replica", 3)))
                .as("a misspelt key").hasMessageContaining("replica");
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of("podSecurityContext.runAsNonRoot", false)))
                .hasMessageContaining("runAsNonRoot");
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of("services.nba.resources.limits.cpu", "lots")))
                .hasMessageContaining("cpu");
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(env -> env.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + container.getName()));
    }

    /** Every Secret the pods read, through environment variables or volumes. */
    private static Set<String> secretNamesReferenced(RenderedChart chart) {
        return chart.all(Deployment.class).stream().flatMap(deployment -> {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Stream<String> fromEnv = pod.getContainers().stream().flatMap(c -> c.getEnv().stream())
                    .filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                    .map(env -> env.getValueFrom().getSecretKeyRef().getName());
            Stream<String> fromVolumes = pod.getVolumes().stream().filter(volume -> volume.getSecret() != null)
                    .map(volume -> volume.getSecret().getSecretName());
            return Stream.concat(fromEnv, fromVolumes);
        }).collect(Collectors.toSet());
    }

    private static List<String> callers(NetworkPolicy policy) {
        return services(policy.getSpec().getIngress().stream().flatMap(rule -> rule.getFrom().stream()).toList());
    }

    private static List<String> callees(NetworkPolicy policy) {
        return services(policy.getSpec().getEgress().stream().filter(rule -> rule.getTo() != null)
                .flatMap(rule -> rule.getTo().stream()).toList());
    }

    /** The platform services a list of peers names, by their component label. */
    private static List<String> services(List<NetworkPolicyPeer> peers) {
        return peers.stream().filter(peer -> peer.getPodSelector() != null && peer.getNamespaceSelector() == null)
                .map(peer -> peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/component"))
                .map(component -> component.replace("-service", "")).toList();
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
