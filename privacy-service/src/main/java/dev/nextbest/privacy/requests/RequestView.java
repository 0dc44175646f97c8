package dev.nextbest.privacy.requests;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A request as the API shows it, with each service's part.
 *
 * @param customerId the pseudonymous id while the request is open; null once completed (only its digest stays)
 */
public record RequestView(UUID id, String kind, String status, String customerId, String subjectDigest,
                          Instant requestedAt, String requestedBy, Instant dueAt, Instant completedAt,
                          Instant escalatedAt, List<ServiceView> services) {

    public record ServiceView(String service, String status, int attempts, Instant lastSentAt, Instant confirmedAt,
                              Map<String, Long> erased) {
    }

    static RequestView of(SubjectRequest request, List<ServiceConfirmation> services) {
        return new RequestView(request.id, request.kind, request.status, request.customerId, request.subjectDigest,
                request.requestedAt, request.requestedBy, request.dueAt, request.completedAt, request.escalatedAt,
                services.stream().sorted(java.util.Comparator.comparing(s -> s.service))
                        .map(s -> new ServiceView(s.service, s.status, s.attempts, s.lastSentAt, s.confirmedAt, s.erased))
                        .toList());
    }
}
