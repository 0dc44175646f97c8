package dev.nextbest.privacy;

import dev.nextbest.commons.architecture.ConventionsTest;

/** privacy-service keeps the conventions of docs/conventions.md (the rules live in commons-architecture). */
class ArchitectureTest extends ConventionsTest {

    ArchitectureTest() {
        super("dev.nextbest.privacy");
    }
}
