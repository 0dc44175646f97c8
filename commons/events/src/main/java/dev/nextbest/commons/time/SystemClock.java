package dev.nextbest.commons.time;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one clock every service reads the time from, injected wherever "now" matters, so that a test can
 * replace it ({@code @InjectMock} or an alternative) instead of waiting for time to pass.
 */
public class SystemClock {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
