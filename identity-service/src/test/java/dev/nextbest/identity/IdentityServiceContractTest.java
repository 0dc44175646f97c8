package dev.nextbest.identity;

import dev.nextbest.local.testing.ServiceContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class IdentityServiceContractTest extends ServiceContract {

    @Override
    protected String apiPrefix() {
        return "/identity/v1";
    }

    @Override
    protected String protectedPath() {
        return "/identity/v1/clients";
    }

    @Override
    protected String allowedRole() {
        return "admin";
    }

    @Override
    protected String refusedRole() {
        return "agent";
    }
}
