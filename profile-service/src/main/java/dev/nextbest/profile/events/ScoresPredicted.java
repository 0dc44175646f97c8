package dev.nextbest.profile.events;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * Data of a {@value #TYPE} event: scores a model of the decision engine predicted for the customer, e.g.
 * {@code {"scores": {"churnRisk": 0.23}, "model": "churn-gbt", "modelVersion": "3"}}.
 */
public record ScoresPredicted(
        @NotNull @Size(min = 1, max = 20, message = "must hold 1 to 20 scores") Map<String, Double> scores,
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}", message = "must be lower-case letters, digits and '-'") String model,
        @NotBlank @Size(max = 64) String modelVersion) implements CustomerEventData {

    @Override
    public void handleWith(Handler handler) {
        handler.scores(this);
    }

    public static final String TYPE = "dev.nextbest.customer.scores-predicted.v1";
}
