package dev.nextbest.alpha.orders;

import dev.nextbest.alpha.billing.Bill;
import dev.nextbest.beta.Stock;

/** Breaks two rules on purpose: a package cycle with billing, and another service's code. */
public class Order {

    Bill bill;
    Stock stock;
}
