package dev.nextbest.profile.interactions;

import dev.nextbest.local.testing.TestKafka;
import dev.nextbest.local.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class InteractionResourceTest {

    private static final String PATH = "/profile/v1/customers/{id}/interactions";

    @Test
    void anUnknownCustomerHasNoInteractions() {
        given().auth().oauth2(token()).get(PATH, "cus_unknown").then()
                .statusCode(200)
                .body("customerId", equalTo("cus_unknown"))
                .body("interactions", empty());
    }

    @Test
    void aChannelAppMaySeeItsOwnCustomersInteractionsOnly() {
        String token = TestTokens.customerToken("mobile-app", "cus_mine");
        given().auth().oauth2(token).get(PATH, "cus_mine").then().statusCode(200);
        given().auth().oauth2(token).get(PATH, "cus_someone_else").then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void refusesARawIdentifierWhereACustomerIdBelongs() {
        given().auth().oauth2(token()).get(PATH, "jane.doe@example.com").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItem(containsString("customerId")))
                .body("violations.message", hasItem(containsString("pseudonymous customer id")));
    }

    @Test
    void refusesAnUnknownChannel() {
        given().auth().oauth2(token()).queryParam("channel", "fax").get(PATH, "cus_1").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("channel must be one of web, app, agent, ivr, email, sms, store"));
    }

    @Test
    void refusesALimitOutOfRange() {
        given().auth().oauth2(token()).queryParam("limit", 0).get(PATH, "cus_1").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(containsString("limit")));
        given().auth().oauth2(token()).queryParam("limit", "many").get(PATH, "cus_1").then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void pagesThroughTheHistoryWithACursorAndFiltersByTime() {
        String customer = CustomerEvents.newCustomerId();
        OffsetDateTime monday = OffsetDateTime.of(2026, 11, 16, 9, 0, 0, 0, ZoneOffset.UTC);
        for (int day = 0; day < 5; day++) {
            TestKafka.send(CustomerEvents.TOPIC, customer, CustomerEvents.structured(CustomerEvents.interaction(customer,
                    monday.plusDays(day), "{\"channel\":\"web\",\"kind\":\"page-view\",\"attributes\":{\"day\":" + day + "}}")));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(token()).get(PATH, customer)
                .then().extract().path("interactions.size()").equals(5));

        List<Integer> days = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(token()).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get(PATH, customer).then().statusCode(200).extract();
            days.addAll(page.path("interactions.attributes.day"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(days).as("newest first, each once").containsExactly(4, 3, 2, 1, 0);
        assertThat(pages).isEqualTo(3);

        given().auth().oauth2(token())
                .queryParam("from", "2026-11-17T09:00:00Z").queryParam("to", "2026-11-19T09:00:00Z")
                .get(PATH, customer).then()
                .statusCode(200)
                .body("interactions.attributes.day", contains(2, 1))
                .body("nextCursor", nullValue());
    }

    @Test
    void refusesATimeOrCursorItCannotRead() {
        given().auth().oauth2(token()).queryParam("from", "yesterday").get(PATH, "cus_1").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", startsWith("from must be a time in ISO-8601"));
        given().auth().oauth2(token()).queryParam("cursor", "not-a-cursor").get(PATH, "cus_1").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("cursor is not one this API gave"));
    }

    @Test
    void refusesAMethodTheResourceDoesNotHave() {
        given().auth().oauth2(token()).contentType("application/json").body("{}").post(PATH, "cus_1").then()
                .statusCode(405)
                .contentType("application/problem+json");
    }

    /** A valid access token for this test's calls. */
    private static String token() {
        return TestTokens.token("test-client", "agent");
    }
}
