package dev.nextbest.nba.agent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The agent desktop's view ({@code nextbest.agent-view.*}). */
@ConfigMapping(prefix = "nextbest.agent-view")
public interface AgentViewConfig {

    /** How long the view waits for profile-service's full profile before it shows the snapshot it has. */
    @WithDefault("300ms")
    Duration profileTimeout();
}
