package dev.nextbest.commons.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/**
 * Checks every {@link Conventions} rule on one package's main code (tests are not analysed), one test per
 * rule. A service's test extends it and names its package:
 * <pre>
 * class ArchitectureTest extends ConventionsTest {
 *     ArchitectureTest() {
 *         super("dev.nextbest.nba");
 *     }
 * }
 * </pre>
 */
public abstract class ConventionsTest {

    private final String packageName;

    protected ConventionsTest(String packageName) {
        this.packageName = packageName;
    }

    @TestFactory
    Stream<DynamicTest> conventions() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(packageName);
        return Conventions.all().entrySet().stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getKey(), () -> rule.getValue().check(classes)));
    }
}
