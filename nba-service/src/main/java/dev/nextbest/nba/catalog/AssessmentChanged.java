package dev.nextbest.nba.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.List;
import java.util.UUID;

/**
 * What this service reads of privacy-service's {@value #TYPE} on {@value #TOPIC} (key = the subject's id):
 * where the privacy assessment of an action version (or a model version) stands. Other fields are ignored.
 *
 * @param decidedBy "privacy-service" when decided automatically, else the privacy officer's client id
 * @param note      a privacy officer's note, if any
 */
public record AssessmentChanged(
        @NotNull(message = "is required") UUID id,
        @NotNull(message = "is required") @Valid Subject subject,
        @NotNull(message = "is required") @Pattern(regexp = "APPROVED|PENDING_REVIEW|REJECTED",
                message = "must be one of APPROVED, PENDING_REVIEW, REJECTED") String status,
        String risk,
        @NotBlank(message = "is required") String decidedBy,
        String note,
        List<@Valid Finding> findings) {

    public static final String TOPIC = "privacy-assessments";
    public static final String TYPE = "dev.nextbest.privacy.assessment-changed.v1";

    public record Subject(@NotBlank(message = "is required") String kind, @NotBlank(message = "is required") String id,
                          String key, @Min(value = 1, message = "must be 1 or more") int version) {
    }

    public record Finding(String kind, String code, String detail) {
    }

    /** The reason a version goes back to DRAFT: the officer's note, else the findings that reject it. */
    public String rejection() {
        if (note != null && !note.isBlank()) {
            return "rejected by privacy assessment " + id + ": " + note;
        }
        String violations = findings == null ? "" : String.join("; ", findings.stream()
                .filter(finding -> "POLICY_VIOLATION".equals(finding.kind())).map(Finding::detail).toList());
        return "rejected by privacy assessment " + id + (violations.isEmpty() ? "" : ": " + violations);
    }

    /** The note kept with a version that goes live. */
    public String approval() {
        String by = "privacy-service".equals(decidedBy) ? "automatically (risk " + risk + ")" : "by " + decidedBy;
        return "approved by privacy assessment " + id + " " + by + (note == null || note.isBlank() ? "" : ": " + note);
    }
}
