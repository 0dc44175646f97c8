package dev.nextbest.identity.identifiers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import com.ibm.icu.text.SpoofChecker;
import dev.nextbest.identity.IdentityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Brings an identifier to one canonical form, so that the same identifier written differently (case,
 * spaces, phone formats) pseudonymises to the same value, and refuses values that cannot identify anyone
 * (placeholders) or that imitate another value (Unicode look-alikes, invisible characters).
 */
@ApplicationScoped
public class IdentifierNormaliser {

    /** Values that systems write when they have no identifier; never a person. */
    static final Set<String> PLACEHOLDERS = Set.of("null", "nil", "none", "undefined", "unknown", "anonymous",
            "n/a", "na", "-", "-1", "0", "test", "guest", "noemail", "no-email");
    private static final Pattern ONE_REPEATED_CHARACTER = Pattern.compile("(.)\\1{3,}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final int MAX_LENGTH = 256;

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final SpoofChecker spoofChecker = new SpoofChecker.Builder()
            .setRestrictionLevel(SpoofChecker.RestrictionLevel.HIGHLY_RESTRICTIVE)
            .setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.INVISIBLE | SpoofChecker.MIXED_NUMBERS)
            .build();
    private final String defaultRegion;

    @Inject
    public IdentifierNormaliser(IdentityConfig config) {
        this(config.defaultPhoneRegion());
    }

    /** @param defaultRegion the region a phone number without a country code is read in */
    public IdentifierNormaliser(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    /** @throws InvalidIdentifierException when the value cannot be an identifier of that type */
    public String normalise(IdentifierType type, String raw) {
        if (raw == null) {
            throw new InvalidIdentifierException(type, "is missing");
        }
        if (raw.length() > MAX_LENGTH) {
            throw new InvalidIdentifierException(type, "is longer than " + MAX_LENGTH + " characters");
        }
        String value = Normalizer.normalize(raw.strip(), Normalizer.Form.NFKC);
        if (value.isEmpty()) {
            throw new InvalidIdentifierException(type, "is empty");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidIdentifierException(type, "contains control characters");
        }
        // Zero-width spaces and joiners, bidi controls: invisible, so two values that look alike differ.
        if (value.codePoints().anyMatch(cp -> Character.getType(cp) == Character.FORMAT)) {
            throw new InvalidIdentifierException(type, "contains invisible characters");
        }
        if (PLACEHOLDERS.contains(value.toLowerCase(Locale.ROOT))) {
            throw new InvalidIdentifierException(type, "is a placeholder, not an identifier");
        }
        String normalised = switch (type) {
            case EMAIL -> email(value);
            case PHONE -> phone(value);
            case LOGIN_ID -> readable(type, value.toLowerCase(Locale.ROOT));
            case DEVICE_ID, COOKIE_ID -> token(type, value.toLowerCase(Locale.ROOT));
            case CUSTOMER_NUMBER, CRM_ID -> token(type, value);
        };
        refusePlaceholder(type, normalised);
        return normalised;
    }

    private String email(String value) {
        String email = value.toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(email).matches()) {
            throw new InvalidIdentifierException(IdentifierType.EMAIL, "is not an email address");
        }
        return readable(IdentifierType.EMAIL, email);
    }

    private String phone(String value) {
        try {
            Phonenumber.PhoneNumber number = phones.parse(value, defaultRegion);
            if (!phones.isValidNumber(number)) {
                throw new InvalidIdentifierException(IdentifierType.PHONE, "is not a valid phone number");
            }
            return phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new InvalidIdentifierException(IdentifierType.PHONE, "is not a phone number");
        }
    }

    /** Text a person reads and could be fooled by: one script, no invisible characters, no look-alikes. */
    private String readable(IdentifierType type, String value) {
        if (spoofChecker.failsChecks(value)) {
            throw new InvalidIdentifierException(type, "mixes scripts or contains look-alike or invisible characters");
        }
        return value;
    }

    /** Machine-issued identifiers: printable ASCII only, so no look-alike can stand in for them. */
    private static String token(IdentifierType type, String value) {
        if (!TOKEN.matcher(value).matches()) {
            throw new InvalidIdentifierException(type, "must be 1 to 128 printable ASCII characters without spaces");
        }
        return value;
    }

    private static void refusePlaceholder(IdentifierType type, String value) {
        String local = type == IdentifierType.EMAIL ? value.substring(0, value.indexOf('@')) : value;
        String digits = value.replaceAll("[^0-9]", "");
        boolean allZeros = !digits.isEmpty() && digits.chars().allMatch(c -> c == '0')
                && value.replaceAll("[0+\\-\\s]", "").isEmpty();
        if (PLACEHOLDERS.contains(value) || PLACEHOLDERS.contains(local) || allZeros
                || ONE_REPEATED_CHARACTER.matcher(value).matches()) {
            throw new InvalidIdentifierException(type, "is a placeholder, not an identifier");
        }
    }
}
