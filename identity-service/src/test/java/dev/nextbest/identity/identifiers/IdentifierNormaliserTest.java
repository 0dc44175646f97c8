package dev.nextbest.identity.identifiers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.nextbest.identity.identifiers.IdentifierType.COOKIE_ID;
import static dev.nextbest.identity.identifiers.IdentifierType.CUSTOMER_NUMBER;
import static dev.nextbest.identity.identifiers.IdentifierType.DEVICE_ID;
import static dev.nextbest.identity.identifiers.IdentifierType.EMAIL;
import static dev.nextbest.identity.identifiers.IdentifierType.LOGIN_ID;
import static dev.nextbest.identity.identifiers.IdentifierType.PHONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentifierNormaliserTest {

    private final IdentifierNormaliser normaliser = new IdentifierNormaliser("GB");

    @ParameterizedTest
    @ValueSource(strings = {"jane.doe@example.com", "  Jane.Doe@Example.COM ", "JANE.DOE@EXAMPLE.COM\t"})
    void writesOneEmailOneWay(String written) {
        assertThat(normaliser.normalise(EMAIL, written)).isEqualTo("jane.doe@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+44 20 7946 0018", "020 7946 0018", "(020) 7946-0018", "+442079460018", "0044 20 7946 0018"})
    void writesOnePhoneNumberOneWayInE164(String written) {
        assertThat(normaliser.normalise(PHONE, written)).isEqualTo("+442079460018");
    }

    @Test
    void readsAnInternationalNumberWithItsOwnCountry() {
        assertThat(normaliser.normalise(PHONE, "+1 (415) 555-2671")).isEqualTo("+14155552671");
    }

    @Test
    void lowerCasesDeviceIdsAndLoginsButKeepsCustomerNumbersAsIssued() {
        assertThat(normaliser.normalise(DEVICE_ID, "6F1D3C2A-0B5E-4C8D-9A7F-1E2D3C4B5A69"))
                .isEqualTo("6f1d3c2a-0b5e-4c8d-9a7f-1e2d3c4b5a69");
        assertThat(normaliser.normalise(LOGIN_ID, " JaneD ")).isEqualTo("janed");
        assertThat(normaliser.normalise(CUSTOMER_NUMBER, " AB-10442 ")).isEqualTo("AB-10442");
    }

    @ParameterizedTest
    @CsvSource({
            "email, null", "email, ANONYMOUS", "email, noemail@example.com", "phone, 0000000000",
            "customer_number, -1", "customer_number, 00000000", "cookie_id, undefined", "device_id, 0",
            "crm_id, xxxxxx", "login_id, guest"})
    void refusesPlaceholders(String type, String value) {
        assertThatThrownBy(() -> normaliser.normalise(IdentifierType.fromWire(type), value))
                .isInstanceOf(InvalidIdentifierException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void refusesEmptyValues(String value) {
        assertThatThrownBy(() -> normaliser.normalise(COOKIE_ID, value))
                .isInstanceOf(InvalidIdentifierException.class).hasMessage("cookie_id is empty");
    }

    @Test
    void refusesUnicodeLookAlikes() {
        // "раypal" with a Cyrillic "р" and "а": looks like "paypal", is not.
        String lookAlike = "jane@\u0440\u0430ypal.com";
        assertThatThrownBy(() -> normaliser.normalise(EMAIL, lookAlike))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessage("email mixes scripts or contains look-alike or invisible characters");
        assertThatThrownBy(() -> normaliser.normalise(LOGIN_ID, "jane\u200Bdoe"))
                .isInstanceOf(InvalidIdentifierException.class).hasMessage("login_id contains invisible characters");
        assertThatThrownBy(() -> normaliser.normalise(EMAIL, "jane\u202E@example.com"))
                .isInstanceOf(InvalidIdentifierException.class);
        assertThatThrownBy(() -> normaliser.normalise(CUSTOMER_NUMBER, "AB\u200B10442"))
                .isInstanceOf(InvalidIdentifierException.class);
    }

    @Test
    void acceptsAnEmailInOneNonLatinScript() {
        assertThat(normaliser.normalise(EMAIL, "иван@пример.рф")).isEqualTo("иван@пример.рф");
    }

    @Test
    void foldsCompatibilityCharactersToTheirPlainForm() {
        // Full-width letters are another way of writing the same address.
        assertThat(normaliser.normalise(EMAIL, "ｊａｎｅ@example.com")).isEqualTo("jane@example.com");
    }

    @Test
    void refusesWhatIsNotOfTheType() {
        assertThatThrownBy(() -> normaliser.normalise(EMAIL, "jane.doe")).hasMessage("email is not an email address");
        assertThatThrownBy(() -> normaliser.normalise(PHONE, "call me")).hasMessage("phone is not a phone number");
        assertThatThrownBy(() -> normaliser.normalise(PHONE, "+44 20 1234")).hasMessage("phone is not a valid phone number");
        assertThatThrownBy(() -> normaliser.normalise(DEVICE_ID, "has spaces in it"))
                .hasMessage("device_id must be 1 to 128 printable ASCII characters without spaces");
    }

    @Test
    void neverQuotesTheValueInItsReasons() {
        String secret = "jane.secret.person";
        assertThatThrownBy(() -> normaliser.normalise(EMAIL, secret)).message().doesNotContain(secret);
        assertThatThrownBy(() -> normaliser.normalise(PHONE, secret)).message().doesNotContain(secret);
    }
}
