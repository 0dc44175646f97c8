package dev.nextbest.profile.profiles;

import dev.nextbest.profile.traits.Traits;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LifetimeValueTest {

    private static final Instant NOW = Instant.parse("2026-11-20T00:00:00Z");
    private static final LifetimeValueSettings SETTINGS = new LifetimeValueSettings() {
        public double marginRate() {
            return 0.3;
        }

        public double discountRate() {
            return 0.1;
        }

        public double defaultRetention() {
            return 0.8;
        }
    };

    @Test
    void followsTheFormulaWithTheDefaultRetention() {
        Traits traits = spent(1000, 365.25);
        LifetimeValue clv = LifetimeValue.of(traits, null, SETTINGS, NOW);
        // m = 1000 a year × 0.3 = 300; CLV = 300 × 0.8 / (1 + 0.1 − 0.8) = 800
        assertThat(clv.yearlyMargin()).isCloseTo(300, within(0.01));
        assertThat(clv.retention()).isEqualTo(0.8);
        assertThat(clv.retentionSource()).isEqualTo("default");
        assertThat(clv.value()).isCloseTo(800, within(0.01));
    }

    @Test
    void usesThePredictedChurnRiskAndNamesTheModel() {
        Prediction churn = new Prediction(0.5, "churn-gbt", "3", NOW);
        LifetimeValue clv = LifetimeValue.of(spent(1000, 365.25), churn, SETTINGS, NOW);
        // r = 0.5: 300 × 0.5 / 0.6 = 250
        assertThat(clv.value()).isCloseTo(250, within(0.01));
        assertThat(clv.retentionSource()).isEqualTo("churnRisk (churn-gbt 3)");
    }

    @Test
    void aCustomerWhoBoughtNothingIsWorthNothingAndAShortHistoryCountsAsAMonth() {
        assertThat(LifetimeValue.of(new Traits(), null, SETTINGS, NOW).value()).isZero();
        Traits oneDay = spent(100, 1);
        // 100 over (at least) 30 days: 1217.5 a year, margin 365.25
        assertThat(LifetimeValue.of(oneDay, null, SETTINGS, NOW).yearlyMargin()).isCloseTo(365.25, within(0.01));
    }

    private static Traits spent(double amount, double daysAgo) {
        Traits traits = new Traits();
        traits.purchases = 1;
        traits.purchaseValue = BigDecimal.valueOf(amount);
        traits.firstSeenAt = NOW.minus((long) (daysAgo * 1440), ChronoUnit.MINUTES);
        return traits;
    }
}
