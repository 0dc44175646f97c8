package dev.nextbest.nba.learning;

/** Each action's Beta posterior of being taken up, by action key ({@link ActionPosteriors} keeps them). */
@FunctionalInterface
public interface Posteriors {

    ActionPosteriors.Posterior of(String action);
}
