package dev.nextbest.deploy.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The chart rendered by Helm ({@code helm template}) and read into fabric8's Kubernetes model classes, with
 * every field those classes do not know reported, so a typo in a template fails a test instead of an install.
 */
final class RenderedChart {

    static final Path CHART = Path.of("nextbest");
    static final String RELEASE = "shop";
    static final String NAMESPACE = "retail";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    final String manifests;
    final List<HasMetadata> resources = new ArrayList<>();
    final List<String> unknownFields = new ArrayList<>();

    private RenderedChart(String manifests) {
        this.manifests = manifests;
        for (String document : manifests.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
                continue;
            }
            HasMetadata resource = SERIALIZATION.unmarshal(document, HasMetadata.class);
            resources.add(resource);
            if (!(resource instanceof GenericKubernetesResource)) {
                collectUnknownFields(resource, resource.getKind() + "/" + resource.getMetadata().getName(), unknownFields);
            }
        }
    }

    /** Renders with the given values files and {@code --set} values; fails as Helm does (e.g. on the schema). */
    static RenderedChart render(List<Path> valuesFiles, Map<String, Object> set) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion("1.30.0");
        valuesFiles.forEach(template::withValuesFile);
        set.forEach(template::set);
        return new RenderedChart(template.call());
    }

    static RenderedChart render(Path... valuesFiles) {
        return render(List.of(valuesFiles), Map.of());
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    List<GenericKubernetesResource> all(String kind) {
        return resources.stream().filter(r -> r.getKind().equals(kind)).filter(GenericKubernetesResource.class::isInstance)
                .map(GenericKubernetesResource.class::cast).toList();
    }

    <T extends HasMetadata> T named(Class<T> kind, String service) {
        String name = RELEASE + "-nextbest-" + service;
        return all(kind).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name + " in\n" + manifests));
    }

    void forEachDeployment(Consumer<Deployment> check) {
        all(Deployment.class).forEach(check);
    }

    /**
     * fabric8's model classes keep what they do not know in {@code additionalProperties}; anything there is a
     * field Kubernetes would refuse (or silently drop), named here by its path.
     */
    private static void collectUnknownFields(Object node, String path, List<String> unknown) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collectUnknownFields(value, path + "." + key, unknown));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(getter.toString(), e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
                continue;
            }
            String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            collectUnknownFields(value, path + "." + field, unknown);
        }
    }
}
