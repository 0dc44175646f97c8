package dev.nextbest.commons.architecture;

/** The shared modules keep the conventions too: no cycles, no service's code. */
class CommonsArchitectureTest extends ConventionsTest {

    CommonsArchitectureTest() {
        super("dev.nextbest.commons");
    }
}
