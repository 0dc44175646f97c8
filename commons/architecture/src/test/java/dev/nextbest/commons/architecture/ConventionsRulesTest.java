package dev.nextbest.commons.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rule fails on a made-up service (dev.nextbest.alpha, in this module's tests) that breaks it. */
class ConventionsRulesTest {

    private static final JavaClasses ALPHA = new ClassFileImporter().importPackages("dev.nextbest.alpha");

    @Test
    void aResourceThatOpensATransactionBreaksTheRule() {
        AssertionError error = assertThrows(AssertionError.class, () -> Conventions.resourcesOpenNoTransaction.check(ALPHA));
        assertTrue(error.getMessage().contains("OrderResource"), error.getMessage());
    }

    @Test
    void aResourceThatTouchesTheOutboxBreaksTheRule() {
        assertThrows(AssertionError.class, () -> Conventions.resourcesTouchNoOutbox.check(ALPHA));
    }

    @Test
    void aPackageCycleBreaksTheRule() {
        AssertionError error = assertThrows(AssertionError.class, () -> Conventions.noPackageCycles.check(ALPHA));
        assertTrue(error.getMessage().contains("billing"), error.getMessage());
    }

    @Test
    void usingAnotherServicesCodeBreaksTheRule() {
        AssertionError error = assertThrows(AssertionError.class, () -> Conventions.noServiceUsesAnothersCode.check(ALPHA));
        assertTrue(error.getMessage().contains("dev.nextbest.beta.Stock"), error.getMessage());
    }

    @Test
    void readingAnOwnSettingWithConfigPropertyBreaksTheRule() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> Conventions.ownSettingsThroughConfigMappings.check(ALPHA));
        assertTrue(error.getMessage().contains("nextbest.alpha.size"), error.getMessage());
        assertTrue(!error.getMessage().contains("kafka.bootstrap.servers"), error.getMessage());
    }
}
