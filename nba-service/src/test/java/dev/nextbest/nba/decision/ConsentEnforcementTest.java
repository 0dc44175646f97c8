package dev.nextbest.nba.decision;

import dev.nextbest.nba.RealServers;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.nextbest.nba.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consents enforced in every decision, from the consent view this service keeps of consent-changes (sent here
 * through the real broker as privacy-service publishes it): withdrawn, denied, expired and never-given
 * consents keep their actions out; the Global Privacy Control signal's refusals are honoured; contact
 * preferences close channels.
 */
@QuarkusTest
class ConsentEnforcementTest extends RealServers {

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void deterministicSettings() {
        apply(settings());
    }

    @Test
    void aWithdrawnConsentRemovesTheMatchingOffersFromTheVeryNextDecision() {
        String placement = newPlacement();
        String offer = key("fibre");
        live(offer, marketing("Fibre", placement, "marketing.advertising.first_party"));
        String help = key("help");
        live(help, service("Help centre", placement));
        String customer = newCustomer();
        snapshot(customer, Map.of());
        consents(customer, Map.of("marketing", "GRANTED"), Map.of());
        assertThat(chosen(decision(customer, placement, Map.of(), false))).containsExactlyInAnyOrder(offer, help);

        consents(customer, Map.of("marketing", "WITHDRAWN"), Map.of());

        JsonPath next = decision(customer, placement, Map.of(), true);
        assertThat(chosen(next)).containsExactly(help);
        assertThat(stage(next, offer)).isEqualTo("CONSENT");
        assertThat(reason(next, offer)).isEqualTo("needs consent to marketing, which is withdrawn (since 2026-11-01T09:00:00Z)");
    }

    @Test
    void marketingIsRefusedWhenTheCustomerNeverDecidedEvenIfTheActionNamesNoPurpose() {
        String placement = newPlacement();
        String offer = key("fibre");
        live(offer, marketing("Fibre", placement, "marketing.advertising"));
        Map<String, Object> undeclared = definition("Newsletter", placement);
        undeclared.put("dataUses", List.of("marketing.communications"));
        String newsletter = key("newsletter");
        live(newsletter, undeclared);
        String help = key("help");
        live(help, service("Help centre", placement));
        String customer = newCustomer();
        snapshot(customer, Map.of());

        JsonPath unknown = decision(customer, placement, Map.of(), true);
        assertThat(chosen(unknown)).containsExactly(help);
        assertThat(reason(unknown, offer)).isEqualTo("needs consent to marketing, which the customer has not given");
        assertThat(reason(unknown, newsletter)).isEqualTo("needs consent to marketing, which the customer has not given");
        assertThat(redis.value(String.class).get("nba:consents:" + customer))
                .as("that the customer has no consents is remembered, so the next decisions do not ask PostgreSQL").isEqualTo("{}");

        consents(customer, Map.of("marketing", "GRANTED"), Map.of());
        assertThat(chosen(decision(customer, placement, Map.of(), false))).containsExactlyInAnyOrder(offer, newsletter, help);
    }

    @Test
    void anExpiredGrantIsNotUsedEvenBeforePrivacyServiceAnnouncesTheExpiry() {
        String placement = newPlacement();
        String offer = key("fibre");
        live(offer, marketing("Fibre", placement, "marketing.advertising"));
        String customer = newCustomer();
        snapshot(customer, Map.of());
        Instant expired = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        consentState(customer, Map.of("customerId", customer, "consents", Map.of("marketing",
                Map.of("status", "GRANTED", "changedAt", "2026-01-01T00:00:00Z", "expiresAt", expired.toString()))));

        JsonPath decision = decision(customer, placement, Map.of(), true);
        assertThat(chosen(decision)).isEmpty();
        assertThat(reason(decision, offer)).isEqualTo("needs consent to marketing, which is expired (since " + expired + ")");
    }

    @Test
    void theGlobalPrivacyControlRefusalOfSharingIsHonoured() {
        String placement = newPlacement();
        String own = key("fibre");
        live(own, marketing("Fibre", placement, "marketing.advertising.first_party"));
        Map<String, Object> partner = marketing("Partner insurance", placement, "marketing.advertising.third_party");
        partner.put("purposes", List.of("marketing", "sharing"));
        String shared = key("partner");
        live(shared, partner);
        String customer = newCustomer();
        snapshot(customer, Map.of());
        // What privacy-service publishes after a form granted marketing with Sec-GPC: 1.
        consents(customer, Map.of("marketing", "GRANTED", "sharing", "DENIED", "profiling", "DENIED"), Map.of());

        JsonPath decision = decision(customer, placement, Map.of(), true);
        assertThat(chosen(decision)).containsExactly(own);
        assertThat(reason(decision, shared)).startsWith("needs consent to sharing, which is denied");
        // The refusal of profiling keeps the profile from models: ModelRegistryTest shows it with a real model.
    }

    @Test
    void contactPreferencesCloseAChannelOrLeaveItToServiceMessages() {
        String placement = newPlacement();
        Map<String, Object> fibre = marketing("Fibre", placement, "marketing.communications");
        Map<String, Object> lineCheck = service("Line check", placement);
        for (Map<String, Object> definition : List.of(fibre, lineCheck)) {
            List<Object> treatments = new ArrayList<>((List<?>) definition.get("treatments"));
            treatments.add(Map.of("key", "email", "channel", "email", "placement", placement, "message", "By email"));
            treatments.add(Map.of("key", "sms", "channel", "sms", "placement", placement, "message", "By text"));
            definition.put("treatments", treatments);
        }
        String offer = key("fibre");
        live(offer, fibre);
        String check = key("line-check");
        live(check, lineCheck);
        String customer = newCustomer();
        snapshot(customer, Map.of());
        // "Only contact me when it ships" by email; never by text message.
        consents(customer, Map.of("marketing", "GRANTED"), Map.of("email", "SERVICE_ONLY", "sms", "NONE"));

        JsonPath email = on(customer, "email", placement);
        assertThat(chosen(email)).containsExactly(check);
        assertThat(reason(email, offer)).isEqualTo("the customer asked to hear only about their service by email, and this is not a service message");
        JsonPath sms = on(customer, "sms", placement);
        assertThat(chosen(sms)).isEmpty();
        assertThat(reason(sms, check)).isEqualTo("the customer asked not to be contacted by sms");
        assertThat(chosen(decision(customer, placement, Map.of(), false))).containsExactlyInAnyOrder(offer, check);
    }

    private static JsonPath on(String customer, String channel, String placement) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("customer", Map.of("id", customer));
        request.put("channel", channel);
        request.put("placement", placement);
        request.put("limit", 5);
        request.put("explain", true);
        return decide(agent(), request).statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> marketing(String name, String placement, String dataUse) {
        Map<String, Object> definition = definition(name, placement);
        definition.put("purposes", List.of("marketing"));
        definition.put("dataUses", List.of(dataUse));
        return definition;
    }

    private static Map<String, Object> service(String name, String placement) {
        Map<String, Object> definition = definition(name, placement);
        definition.put("dataUses", List.of("essential.service.operations.support"));
        return definition;
    }
}
