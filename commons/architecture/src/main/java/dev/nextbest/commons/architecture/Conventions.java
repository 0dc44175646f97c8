package dev.nextbest.commons.architecture;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The conventions of docs/conventions.md that a machine can check, for every service and the shared modules;
 * {@link ConventionsTest} checks them all on a service's main code.
 */
public final class Conventions {

    private static final String ROOT = "dev.nextbest.";
    private static final String COMMONS = "commons";
    private static final String RESOURCE = "jakarta.ws.rs.Path";
    private static final String PANACHE = "io.quarkus.hibernate.reactive.panache.Panache";
    private static final String OUTBOX = "dev.nextbest.commons.events.Outbox";
    private static final String CONFIG_PROPERTY = "org.eclipse.microprofile.config.inject.ConfigProperty";
    private static final List<String> TRANSACTIONAL = List.of(
            "io.quarkus.hibernate.reactive.panache.common.WithTransaction", "jakarta.transaction.Transactional");

    private Conventions() {
    }

    /** Every rule, by name. */
    public static Map<String, ArchRule> all() {
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put("resources open no transaction", resourcesOpenNoTransaction);
        rules.put("resources touch no outbox", resourcesTouchNoOutbox);
        rules.put("no package cycles", noPackageCycles);
        rules.put("no service uses another's code", noServiceUsesAnothersCode);
        rules.put("own settings through config mappings", ownSettingsThroughConfigMappings);
        return rules;
    }

    /** Resources translate HTTP; a service does the work, in a transaction it opens. */
    public static final ArchRule resourcesOpenNoTransaction = classes().that().areAnnotatedWith(RESOURCE)
            .should(new ArchCondition<JavaClass>("open no transaction") {
                @Override
                public void check(JavaClass resource, ConditionEvents events) {
                    resource.getMethodCallsFromSelf().stream()
                            .filter(call -> call.getTargetOwner().getName().equals(PANACHE)
                                    && call.getName().equals("withTransaction"))
                            .forEach(call -> events.add(SimpleConditionEvent.violated(call, call.getDescription())));
                    for (JavaMethod method : resource.getMethods()) {
                        TRANSACTIONAL.stream().filter(method::isAnnotatedWith).forEach(annotation -> events.add(
                                SimpleConditionEvent.violated(method, method.getFullName() + " is annotated " + annotation)));
                    }
                }
            })
            .allowEmptyShould(true); // the shared modules have no resource

    /** The outbox is written inside the transaction that makes the change, which a resource does not open. */
    public static final ArchRule resourcesTouchNoOutbox = noClasses().that().areAnnotatedWith(RESOURCE)
            .should().dependOnClassesThat().haveFullyQualifiedName(OUTBOX)
            .allowEmptyShould(true);

    /** Capabilities (the packages right under a service's) depend on each other in one direction only. */
    public static final ArchRule noPackageCycles = slices().matching("dev.nextbest.(*).(*)..")
            .should().beFreeOfCycles();

    /** A service talks to another over REST and Kafka only; the shared modules know no service. */
    public static final ArchRule noServiceUsesAnothersCode = classes()
            .should(new ArchCondition<JavaClass>("use only its own service's code and the shared modules'") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    String own = service(origin.getPackageName());
                    for (JavaAccess<?> access : origin.getAccessesFromSelf()) {
                        String target = service(access.getTargetOwner().getPackageName());
                        if (target != null && !target.equals(own) && !target.equals(COMMONS)) {
                            events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                        }
                    }
                    origin.getDirectDependenciesFromSelf().forEach(dependency -> {
                        String target = service(dependency.getTargetClass().getPackageName());
                        if (target != null && !target.equals(own) && !target.equals(COMMONS)) {
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    });
                }
            });

    /**
     * The platform's own settings ({@code nextbest.*}) come through a {@code @ConfigMapping} interface per
     * capability; {@code @ConfigProperty} reads only what another component owns (quarkus.*, kafka.*, mp.*).
     */
    public static final ArchRule ownSettingsThroughConfigMappings = classes()
            .should(new ArchCondition<JavaClass>("read no nextbest.* setting with @ConfigProperty") {
                @Override
                public void check(JavaClass owner, ConditionEvents events) {
                    owner.getFields().forEach(field -> field.getAnnotations().forEach(annotation ->
                            checkSetting(annotation, field.getFullName(), events)));
                    owner.getCodeUnits().forEach(unit -> unit.getParameters().forEach(parameter ->
                            parameter.getAnnotations().forEach(annotation ->
                                    checkSetting(annotation, unit.getFullName(), events))));
                }
            });

    private static void checkSetting(JavaAnnotation<?> annotation, String where, ConditionEvents events) {
        if (annotation.getRawType().getName().equals(CONFIG_PROPERTY)) {
            Object name = annotation.get("name").orElse("");
            if (name.toString().startsWith("nextbest.")) {
                events.add(SimpleConditionEvent.violated(annotation, where + " reads " + name
                        + " with @ConfigProperty, not through a @ConfigMapping"));
            }
        }
    }

    /** "nba" for dev.nextbest.nba.decision; null outside dev.nextbest. */
    static String service(String packageName) {
        if (!packageName.startsWith(ROOT)) {
            return null;
        }
        String rest = packageName.substring(ROOT.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
