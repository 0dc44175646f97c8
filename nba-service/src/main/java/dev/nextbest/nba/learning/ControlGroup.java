package dev.nextbest.nba.learning;

import dev.nextbest.nba.catalog.ActionDefinition;
import dev.nextbest.nba.catalog.DecisionSettings;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;

/**
 * The sticky control group: a customer is in it for a whole period when SHA-256 of "customer|period" falls
 * in the first {@code percent} of 10,000 buckets. No state: every replica gives the same answer, and a new
 * period draws again.
 */
public final class ControlGroup {

    private ControlGroup() {
    }

    public static boolean contains(String customerId, DecisionSettings.ControlGroup settings, Instant now) {
        if (settings.percent() <= 0 || customerId == null) {
            return false;
        }
        return bucket(customerId, period(settings.period(), now)) < settings.percent() * 100;
    }

    /** 0 to 9,999. */
    static long bucket(String customerId, String period) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((customerId + "|" + period).getBytes(StandardCharsets.UTF_8));
            return Math.floorMod(ByteBuffer.wrap(digest).getLong(), 10_000L);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String period(ActionDefinition.Period period, Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return switch (period) {
            case DAY -> day.toString();
            case WEEK -> day.get(IsoFields.WEEK_BASED_YEAR) + "-W" + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case MONTH -> day.getYear() + "-" + day.getMonthValue();
        };
    }
}
