package dev.nextbest.nba;

import dev.nextbest.local.testing.ServiceContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class NbaServiceContractTest extends ServiceContract {

    @Override
    protected String apiPrefix() {
        return "/nba/v1";
    }

    @Override
    protected String protectedPath() {
        return "/nba/v1/catalog/actions";
    }

    @Override
    protected String allowedRole() {
        return "marketer";
    }

    @Override
    protected String refusedRole() {
        return "channel-app";
    }
}
