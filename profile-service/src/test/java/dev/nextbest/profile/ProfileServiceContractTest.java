package dev.nextbest.profile;

import dev.nextbest.local.testing.ServiceContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ProfileServiceContractTest extends ServiceContract {

    @Override
    protected String apiPrefix() {
        return "/profile/v1";
    }

    @Override
    protected String protectedPath() {
        return "/profile/v1/customers/cus_00000000000000000000000000000001/interactions";
    }

    @Override
    protected String allowedRole() {
        return "agent";
    }

    @Override
    protected String refusedRole() {
        return "marketer";
    }
}
