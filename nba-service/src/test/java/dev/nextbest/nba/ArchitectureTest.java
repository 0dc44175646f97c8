package dev.nextbest.nba;

import dev.nextbest.commons.architecture.ConventionsTest;

/** nba-service keeps the conventions of docs/conventions.md (the rules live in commons-architecture). */
class ArchitectureTest extends ConventionsTest {

    ArchitectureTest() {
        super("dev.nextbest.nba");
    }
}
