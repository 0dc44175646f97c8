package dev.nextbest.profile.profiles;

import java.time.Instant;

/** A predicted score as stored with the profile: its value, which model and version made it, and when. */
public record Prediction(double value, String model, String modelVersion, Instant predictedAt) {
}
