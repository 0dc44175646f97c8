package dev.nextbest.identity;

import dev.nextbest.local.testing.RealServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every test of this service runs against real PostgreSQL, Redis and Kafka servers (see deploy/local). */
@WithTestResource(value = RealServersTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealServersTestResource.DATABASE_ARG, value = "identity"))
public class RealServers {
}
