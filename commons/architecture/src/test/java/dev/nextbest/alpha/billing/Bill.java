package dev.nextbest.alpha.billing;

import dev.nextbest.alpha.orders.Order;

/** The other half of the cycle. */
public class Bill {

    Order order;
}
