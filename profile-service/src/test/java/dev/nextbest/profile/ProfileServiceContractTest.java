package dev.nextbest.profile;

import dev.nextbest.local.testing.ServiceContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ProfileServiceContractTest extends ServiceContract {

    @Override
    protected String apiPrefix() {
        return "/profile/v1";
    }
}
