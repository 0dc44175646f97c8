package dev.nextbest.identity.customers;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Pseudonymous customer ids: "cus_" and 128 random bits in hex. Random, so they reveal nothing about anyone. */
public final class CustomerIds {

    public static final String PATTERN = "cus_[0-9a-f]{32}";
    public static final String MESSAGE = "must be a customer id: 'cus_' and 32 lower-case hexadecimal digits";

    private static final SecureRandom RANDOM = new SecureRandom();

    private CustomerIds() {
    }

    static String next() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return "cus_" + HexFormat.of().formatHex(bits);
    }
}
