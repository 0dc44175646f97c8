package dev.nextbest.privacy;

import dev.nextbest.local.testing.RealServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every test of this service runs against real PostgreSQL, Redis and Kafka servers (see deploy/local). */
@WithTestResource(value = RealServersTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = RealServersTestResource.DATABASE_ARG, value = "privacy"))
public class RealServers {
}
