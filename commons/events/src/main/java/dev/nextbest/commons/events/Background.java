package dev.nextbest.commons.events;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Starts reactive work that nobody waits for (publishing the outbox after a commit, a segment sweep, a
 * segmentation run) on a Vert.x context of its own, where Hibernate Reactive may open its own sessions.
 */
public final class Background {

    private Background() {
    }

    public static void start(Vertx vertx, Supplier<Uni<?>> work, Consumer<Throwable> onFailure) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> work.get().subscribe().with(done -> { }, onFailure));
    }
}
