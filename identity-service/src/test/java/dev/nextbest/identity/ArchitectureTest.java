package dev.nextbest.identity;

import dev.nextbest.commons.architecture.ConventionsTest;

/** identity-service keeps the conventions of docs/conventions.md (the rules live in commons-architecture). */
class ArchitectureTest extends ConventionsTest {

    ArchitectureTest() {
        super("dev.nextbest.identity");
    }
}
