package dev.nextbest.nba.decision;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How decisions are made and kept ({@code nextbest.decisions.*}). */
@ConfigMapping(prefix = "nextbest.decisions")
public interface DecisionConfig {

    /** How long a raw identifier's customer id, resolved by identity-service, is remembered. */
    @WithDefault("60s")
    Duration identityCacheTtl();

    /** How long a decision waits for identity-service to resolve a raw identifier. */
    @WithDefault("2s")
    Duration identityTimeout();

    /** How often logged decisions are stored for replay, in one batch. */
    @WithDefault("200ms")
    Duration logInterval();

    /** How long decisions are kept for replay. */
    @WithDefault("P30D")
    Duration retention();
}
