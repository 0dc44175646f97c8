package dev.nextbest.privacy.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nextbest.privacy.PrivacyConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Loads the shipped policies ({@code policies/<key>.yaml}) at start: a file not stored yet, or changed since
 * it was last stored, becomes the policy's next version. An invalid file stops the service from starting.
 */
@ApplicationScoped
public class PolicyFiles {

    private static final Logger LOG = Logger.getLogger(PolicyFiles.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final PolicyStore store;
    private final Validator validator;
    private final List<String> keys;

    public PolicyFiles(PolicyStore store, Validator validator,
                       PrivacyConfig config) {
        this.store = store;
        this.validator = validator;
        this.keys = config.policies();
    }

    void loadAtStart(@Observes StartupEvent start) throws Throwable {
        for (String key : keys) {
            PrivacyPolicy policy = read(key);
            PolicyStore.PolicyVersion stored = VertxContextSupport.subscribeAndAwait(
                    () -> store.save(policy, "file", "privacy-service", "file"));
            LOG.infof("privacy policy %s in force at version %d (%d rules)", key, stored.version(), stored.policy().rules().size());
        }
    }

    /** Reads a policy file; shared with the tests that assess against the shipped policy. */
    public static PrivacyPolicy parse(InputStream in) throws IOException {
        return YAML.readValue(in, PrivacyPolicy.class);
    }

    private PrivacyPolicy read(String key) throws IOException {
        String resource = "policies/" + key + ".yaml";
        try (InputStream in = PolicyFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            PrivacyPolicy policy = parse(in);
            Set<ConstraintViolation<PrivacyPolicy>> violations = validator.validate(policy);
            if (!violations.isEmpty()) {
                throw new IllegalStateException(resource + " is invalid: " + violations.stream()
                        .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining("; ")));
            }
            if (!policy.key().equals(key)) {
                throw new IllegalStateException(resource + " has key '" + policy.key() + "'; it must be '" + key + "'");
            }
            return policy;
        }
    }
}
