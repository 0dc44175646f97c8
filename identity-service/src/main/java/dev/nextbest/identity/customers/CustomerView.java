package dev.nextbest.identity.customers;

import java.time.Instant;

/** A registered customer as the API returns it, the cache holds it and identity-changes events carry it. */
public record CustomerView(String id, CustomerKind kind, Instant createdAt, String mergedInto) {

    public static CustomerView of(Customer customer) {
        return new CustomerView(customer.id, customer.kind, customer.createdAt, customer.mergedInto);
    }
}
