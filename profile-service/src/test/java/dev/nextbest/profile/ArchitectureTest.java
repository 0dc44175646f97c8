package dev.nextbest.profile;

import dev.nextbest.commons.architecture.ConventionsTest;

/** profile-service keeps the conventions of docs/conventions.md (the rules live in commons-architecture). */
class ArchitectureTest extends ConventionsTest {

    ArchitectureTest() {
        super("dev.nextbest.profile");
    }
}
