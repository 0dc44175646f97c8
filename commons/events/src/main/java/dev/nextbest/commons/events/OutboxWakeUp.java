package dev.nextbest.commons.events;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Wakes the relay when a transaction that wrote to the outbox commits, on every replica. A statement trigger
 * on outbox_event ({@code db/migration/R__outbox_wakes_its_relay.sql}) sends a PostgreSQL notification, which
 * PostgreSQL delivers only once the transaction has committed, and never for one that rolled back; this
 * listens on a connection of its own. So no code publishes by hand, and nothing is published early.
 */
@ApplicationScoped
public class OutboxWakeUp {

    static final String CHANNEL = "outbox_event";
    private static final Logger LOG = Logger.getLogger(OutboxWakeUp.class);
    private static final long RECONNECT_MILLIS = 1000;

    private final Vertx vertx;
    private final OutboxRelay relay;
    private final PgConnectOptions options;
    private volatile PgSubscriber subscriber;
    private volatile boolean stopped;

    public OutboxWakeUp(Vertx vertx, OutboxRelay relay,
                        @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                        @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                        @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.relay = relay;
        // The reactive URL may list several hosts and may carry Quarkus's "vertx-reactive:" prefix.
        this.options = PgConnectOptions.fromUri(url.split(",")[0].replaceFirst("^vertx-reactive:", ""));
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
    }

    void onStart(@Observes StartupEvent start) {
        listen();
    }

    void onStop(@Observes ShutdownEvent stop) {
        stopped = true;
        if (subscriber != null) {
            subscriber.close();
        }
    }

    private void listen() {
        if (stopped) {
            return;
        }
        PgSubscriber listening = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(attempts -> stopped ? -1L : RECONNECT_MILLIS);
        listening.channel(CHANNEL).handler(ignored -> relay.trigger());
        subscriber = listening;
        listening.connect().onFailure(failure -> {
            // Until PostgreSQL answers, the relay's sweep still publishes; try again in a moment.
            LOG.debugf("outbox wake-up: cannot listen yet (%s), trying again", failure.toString());
            listening.close();
            vertx.setTimer(RECONNECT_MILLIS, id -> listen());
        });
    }
}
