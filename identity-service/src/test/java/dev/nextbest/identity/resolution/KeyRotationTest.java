package dev.nextbest.identity.resolution;

import dev.nextbest.identity.identifiers.IdentifierType;
import dev.nextbest.identity.identifiers.Pseudonymiser;
import dev.nextbest.local.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** After rotating to key 2, identifiers stored under key 1 are still found, and move to key 2 when seen. */
@QuarkusTest
@TestProfile(KeyRotationTest.RotatedToKeyTwo.class)
class KeyRotationTest {

    public static class RotatedToKeyTwo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("nextbest.identity.pseudonym.active-version", "2");
        }
    }

    @ConfigProperty(name = "nextbest.identity.pseudonym.keys")
    String keys;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void findsAndReKeysWhatTheOldKeyStored() throws Exception {
        String email = "rotation." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String customerId = "cus_" + UUID.randomUUID().toString().replace("-", "");
        String storedUnderKeyOne = new Pseudonymiser(keys, 1).pseudonym(IdentifierType.EMAIL, email);
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO customer (id, kind, created_at) VALUES ('" + customerId + "', 'CUSTOMER', now())");
            s.execute("INSERT INTO identifier (customer_id, type, pseudonym, key_version, verified, source, first_seen, last_seen) "
                    + "VALUES ('" + customerId + "', 'email', '" + storedUnderKeyOne + "', 1, true, '/test', now(), now())");
        }

        given().auth().oauth2(token()).contentType("application/json")
                .body("{\"identifiers\":[{\"type\":\"email\",\"value\":\"" + email + "\"}]}")
                .post("/identity/v1/resolve").then()
                .statusCode(200)
                .body("customerId", equalTo(customerId))
                .body("outcome", equalTo("MATCHED"));

        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             PreparedStatement query = c.prepareStatement("SELECT key_version, pseudonym FROM identifier WHERE customer_id = ?")) {
            query.setString(1, customerId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getInt(1)).isEqualTo(2);
                assertThat(row.getString(2)).isEqualTo(new Pseudonymiser(keys, 2).pseudonym(IdentifierType.EMAIL, email));
            }
        }
    }

    /** A valid access token for this test's calls. */
    private static String token() {
        return TestTokens.token("test-client", "agent", "service", "admin");
    }
}
