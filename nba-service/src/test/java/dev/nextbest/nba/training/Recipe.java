package dev.nextbest.nba.training;

import dev.nextbest.nba.scoring.FeatureSpec;

import java.util.List;

/**
 * How one shipped model is made from one data set: which file, which column is the outcome, and where each
 * column that is kept would come from in a decision (the feature's source), so that the trained model reads
 * the platform's profile, context and action exactly as the training rows did.
 */
record Recipe(String model, String description, String file, char separator, String target, String positive,
              List<Column> columns, List<String> groups) {

    record Column(String csv, String source, FeatureSpec.Encoding encoding) {
    }

    static Column oneHot(String csv, String source) {
        return new Column(csv, source, FeatureSpec.Encoding.ONE_HOT);
    }

    static Column number(String csv, String source) {
        return new Column(csv, source, FeatureSpec.Encoding.NUMBER);
    }

    static Column flag(String csv, String source) {
        return new Column(csv, source, FeatureSpec.Encoding.BOOLEAN);
    }

    /** In-vehicle coupon recommendation (UCI): the offer type is an input, so one model scores all five offers. */
    static final Recipe OFFER_ACCEPTANCE = new Recipe("offer-acceptance",
            "Will the customer accept this partner offer now? One model for every offer type (in-vehicle coupon data).",
            "in-vehicle-coupon/coupon-train.csv", ',', "Y", "1", List.of(
            oneHot("coupon", "action.attributes.offerType"),
            oneHot("expiration", "action.attributes.expiration"),
            oneHot("destination", "context.destination"),
            oneHot("passanger", "context.passenger"),
            oneHot("weather", "context.weather"),
            number("temperature", "context.temperature"),
            oneHot("time", "context.timeOfDay"),
            flag("toCoupon_GEQ15min", "context.over15MinutesAway"),
            flag("toCoupon_GEQ25min", "context.over25MinutesAway"),
            flag("direction_same", "context.sameDirection"),
            oneHot("gender", "profile.attributes.gender"),
            oneHot("age", "profile.attributes.ageGroup"),
            oneHot("maritalStatus", "profile.attributes.maritalStatus"),
            flag("has_children", "profile.attributes.hasChildren"),
            oneHot("education", "profile.attributes.education"),
            oneHot("occupation", "profile.attributes.occupation"),
            oneHot("income", "profile.attributes.incomeBand"),
            oneHot("Bar", "profile.attributes.barVisits"),
            oneHot("CoffeeHouse", "profile.attributes.coffeeHouseVisits"),
            oneHot("CarryAway", "profile.attributes.takeawayVisits"),
            oneHot("RestaurantLessThan20", "profile.attributes.cheapRestaurantVisits"),
            oneHot("Restaurant20To50", "profile.attributes.restaurantVisits")),
            List.of("partner-rewards"));

    /** Bank marketing (UCI), without the call's duration (known only after the call, so it would leak the outcome). */
    static final Recipe TERM_DEPOSIT = new Recipe("term-deposit",
            "Will the customer open a term deposit if offered now? (bank marketing data, without the call's duration)",
            "bank-marketing/bank-additional-train.csv", ';', "y", "yes", List.of(
            number("age", "profile.attributes.age"),
            oneHot("job", "profile.attributes.job"),
            oneHot("marital", "profile.attributes.maritalStatus"),
            oneHot("education", "profile.attributes.education"),
            oneHot("default", "profile.attributes.creditDefault"),
            oneHot("housing", "profile.attributes.housingLoan"),
            oneHot("loan", "profile.attributes.personalLoan"),
            oneHot("contact", "context.contactType"),
            oneHot("month", "context.month"),
            oneHot("day_of_week", "context.dayOfWeek"),
            number("campaign", "profile.attributes.campaignContacts"),
            number("pdays", "profile.attributes.daysSincePreviousCampaign"),
            number("previous", "profile.attributes.previousCampaignContacts"),
            oneHot("poutcome", "profile.attributes.previousOutcome"),
            number("emp.var.rate", "context.economy.employmentVariationRate"),
            number("cons.price.idx", "context.economy.consumerPriceIndex"),
            number("cons.conf.idx", "context.economy.consumerConfidenceIndex"),
            number("euribor3m", "context.economy.euribor3m"),
            number("nr.employed", "context.economy.employed")),
            List.of("savings"));

    static final List<Recipe> ALL = List.of(OFFER_ACCEPTANCE, TERM_DEPOSIT);
}
