package dev.nextbest.privacy;

import dev.nextbest.local.testing.ServiceContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PrivacyServiceContractTest extends ServiceContract {

    @Override
    protected String apiPrefix() {
        return "/privacy/v1";
    }

    @Override
    protected String protectedPath() {
        return "/privacy/v1/changes";
    }

    @Override
    protected String allowedRole() {
        return "privacy-officer";
    }

    @Override
    protected String refusedRole() {
        return "marketer";
    }
}
