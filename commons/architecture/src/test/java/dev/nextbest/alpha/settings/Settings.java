package dev.nextbest.alpha.settings;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Breaks a rule on purpose: reads its own setting with @ConfigProperty; reading Kafka's is allowed. */
public class Settings {

    public Settings(@ConfigProperty(name = "nextbest.alpha.size") int size,
                    @ConfigProperty(name = "kafka.bootstrap.servers") String servers) {
    }
}
