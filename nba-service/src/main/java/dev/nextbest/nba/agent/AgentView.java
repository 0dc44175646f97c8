package dev.nextbest.nba.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nextbest.nba.decision.Decision;

/**
 * What the agent desktop shows while the customer is on the line: the 360 profile and the top actions.
 *
 * @param profileSource "profile-service" (live), "snapshot" (profile-service did not answer in time: this
 *                      service's latest copy of the profile's features), "none" (the platform knows
 *                      nothing of the customer yet) or "unavailable"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentView(String customerId, String profileSource, JsonNode profile, Decision decision) {
}
