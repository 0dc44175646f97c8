package dev.nextbest.nba;

import dev.nextbest.local.testing.ServiceContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class NbaServiceContractTest extends ServiceContract {

    @Override
    protected String apiPrefix() {
        return "/nba/v1";
    }
}
