package dev.nextbest.identity.customers;

/** The platform treats customers and prospects differently (offers, contact rules, data kept). */
public enum CustomerKind {
    /** Someone who holds or held a product. */
    CUSTOMER,
    /** Someone known only from contacts or browsing, with no product yet. */
    PROSPECT
}
