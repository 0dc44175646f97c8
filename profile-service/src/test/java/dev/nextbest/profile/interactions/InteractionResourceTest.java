package dev.nextbest.profile.interactions;

import dev.nextbest.local.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

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
