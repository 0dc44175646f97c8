package dev.nextbest.profile.profiles;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The business's own numbers for customer lifetime value ({@code nextbest.profile.clv.*}). */
@ConfigMapping(prefix = "nextbest.profile.clv")
public interface LifetimeValueSettings {

    /** Share of revenue that is margin. */
    @WithDefault("0.3")
    double marginRate();

    /** Yearly discount rate. */
    @WithDefault("0.1")
    double discountRate();

    /** Yearly retention probability when no churn risk was predicted. */
    @WithDefault("0.8")
    double defaultRetention();
}
