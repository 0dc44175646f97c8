package dev.nextbest.profile.profiles;

import dev.nextbest.profile.traits.Traits;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * Customer lifetime value by the standard simple formula for a customer retained year after year with a
 * constant probability: {@code CLV = m × r / (1 + d − r)}, where m is the yearly margin, r the yearly
 * retention probability and d the discount rate. Every input is shown with the value.
 *
 * @param value            the CLV, in the currency of the purchase amounts
 * @param yearlyMargin     m: purchase value per year (over the observed period, at least 30 days) × margin rate
 * @param retention        r: 1 − churn risk when the decision engine predicted one, else the configured default
 * @param retentionSource  "churnRisk" (with the model and version) or "default"
 * @param discountRate     d
 * @param marginRate       the share of revenue that is margin
 */
public record LifetimeValue(double value, double yearlyMargin, double retention, String retentionSource,
                            double discountRate, double marginRate) {

    static final Duration MIN_OBSERVED = Duration.ofDays(30);
    static final double DAYS_PER_YEAR = 365.25;

    public static LifetimeValue of(Traits traits, Prediction churnRisk, LifetimeValueSettings settings, Instant now) {
        double yearlyRevenue = 0;
        if (traits.firstSeenAt != null && traits.purchaseValue.compareTo(BigDecimal.ZERO) > 0) {
            Duration observed = Duration.between(traits.firstSeenAt, now);
            if (observed.compareTo(MIN_OBSERVED) < 0) {
                observed = MIN_OBSERVED;
            }
            yearlyRevenue = traits.purchaseValue.doubleValue() * DAYS_PER_YEAR / (observed.toMinutes() / 1440.0);
        }
        double margin = yearlyRevenue * settings.marginRate();
        double retention = churnRisk == null ? settings.defaultRetention() : clamp(1 - churnRisk.value());
        String source = churnRisk == null ? "default"
                : "churnRisk (" + churnRisk.model() + " " + churnRisk.modelVersion() + ")";
        double d = settings.discountRate();
        double value = margin * retention / (1 + d - retention);
        return new LifetimeValue(round(value), round(margin), round(retention), source, d, settings.marginRate());
    }

    private static double clamp(double retention) {
        return Math.max(0, Math.min(0.99, retention));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
