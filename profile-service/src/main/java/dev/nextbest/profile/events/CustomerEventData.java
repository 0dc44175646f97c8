package dev.nextbest.profile.events;

/**
 * The data of an event on customer-events that changes a profile: one of four kinds, each with its CloudEvent
 * type. Sealed, and handled through {@link Handler}, one method per kind: a kind added here does not compile
 * until every handler says what it does with it.
 */
public sealed interface CustomerEventData permits InteractionRecorded, AttributesChanged, HoldingChanged, ScoresPredicted {

    /** Calls the handler's method for this kind of data. */
    void handleWith(Handler handler);

    /** What to do with each kind. */
    interface Handler {
        void interaction(InteractionRecorded interaction);

        void attributes(AttributesChanged changed);

        void holding(HoldingChanged changed);

        void scores(ScoresPredicted predicted);
    }
}
